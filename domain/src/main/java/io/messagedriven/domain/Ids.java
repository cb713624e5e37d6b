package io.messagedriven.domain;

import java.util.UUID;

/** Parsing of the UUID-based identities. */
final class Ids {
  private Ids() {}

  static UUID parse(String field, String text) {
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
