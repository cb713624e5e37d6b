package io.messagedriven.application.operations.port;

import java.time.Instant;
import java.util.Objects;

/**
 * How many events were published in one minute.
 *
 * @param minute the start of the minute (UTC, seconds zero)
 * @param published how many events were published in it
 */
public record MinuteCount(Instant minute, long published) {
  public MinuteCount {
    Objects.requireNonNull(minute, "minute");
  }
}
