package io.messagedriven.application.operations.port;

import io.messagedriven.domain.EventId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Failed events that failed for the same cause: the same error class, and the same message once
 * ids, numbers and quoted strings are stripped from it.
 *
 * @param key the cause's key, 16 hex digits: pass it to {@link EventFilter#withCause} to list,
 *     requeue or delete the group
 * @param errorClass the class of the error
 * @param message the message with ids, numbers and quoted strings replaced by {@code ?}
 * @param count how many failed events have this cause
 * @param firstSeen when the oldest of them failed
 * @param lastSeen when the latest of them failed
 * @param examples ids of a few of them, the latest first
 */
public record CauseGroup(
    String key, String errorClass, String message, long count, Instant firstSeen, Instant lastSeen, List<EventId> examples) {
  public CauseGroup {
    Objects.requireNonNull(key, "key");
    examples = List.copyOf(examples);
  }
}
