package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.Ids;

import java.util.UUID;

/**
 * Identity of an {@link Event}. It is also the message id a broker and a consumer deduplicate
 * on: delivery is at least once, so a consumer may see the same id twice.
 */
public record EventId(UUID value) {
  public EventId {
    Check.notNull("eventId", value);
  }

  public static EventId random() {
    return new EventId(UUID.randomUUID());
  }

  /** Parses the canonical UUID form; a malformed id is an {@link InvalidValueException}. */
  public static EventId parse(String text) {
    return new EventId(Ids.parse("eventId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
