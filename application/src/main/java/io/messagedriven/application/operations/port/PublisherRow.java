package io.messagedriven.application.operations.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A publisher as its latest heartbeat left it.
 *
 * @param owner its owner name
 * @param host the host it runs on
 * @param startedAt when it started
 * @param lastSeenAt when its latest heartbeat came
 * @param sinceLastSeen how long ago that was, by the store's clock
 * @param inFlight the events it held at its latest heartbeat
 * @param stoppedAt when it signed off on stopping; null if it did not (it runs, or died)
 */
public record PublisherRow(
    String owner, String host, Instant startedAt, Instant lastSeenAt, Duration sinceLastSeen, int inFlight, Instant stoppedAt) {
  public PublisherRow {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    Objects.requireNonNull(sinceLastSeen, "sinceLastSeen");
  }
}
