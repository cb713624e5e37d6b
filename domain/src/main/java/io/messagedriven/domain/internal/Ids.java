package io.messagedriven.domain.internal;

import io.messagedriven.domain.InvalidValueException;

import java.util.UUID;

/** Parsing of the UUID-based identities. */
public final class Ids {
  private Ids() {}

  public static UUID parse(String field, String text) {
    Check.notNull(field, text);
    try {
      UUID parsed = UUID.fromString(text);
      if (!parsed.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException("not canonical");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(field, text, "it is not a UUID");
    }
  }
}
