package io.messagedriven.application.port;

import java.time.Instant;
import java.util.Objects;

/**
 * What a running publisher reports about itself, every few seconds, so operators see which
 * publishers are alive ({@link OutboxPort#heartbeat}).
 *
 * @param owner the publisher's owner name, the one its claims carry
 * @param host the host it runs on
 * @param startedAt when it started
 * @param inFlight how many events it holds now, claimed and not yet acknowledged
 */
public record PublisherHeartbeat(String owner, String host, Instant startedAt, int inFlight) {
  public PublisherHeartbeat {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(startedAt, "startedAt");
    if (inFlight < 0) {
      throw new IllegalArgumentException("inFlight must not be negative, was " + inFlight);
    }
  }
}
