package io.messagedriven.application.internal;

import io.messagedriven.domain.InvalidValueException;

/** Argument checks of the queries; each failure is an {@link InvalidValueException}. */
public final class Args {
  private Args() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "it is required");
    }
    return value;
  }

  /** A required, non-blank text of at most {@code maxLength} characters; returned trimmed. */
  public static String text(String field, String value, int maxLength) {
    String trimmed = required(field, value).strip();
    if (trimmed.isEmpty()) {
      throw new InvalidValueException(field, value, "it is blank");
    }
    if (trimmed.length() > maxLength) {
      throw new InvalidValueException(field, value, "it is longer than " + maxLength + " characters");
    }
    return trimmed;
  }
}
