package io.messagedriven.domain.internal;

import io.messagedriven.domain.InvalidValueException;

/** Argument checks shared by the value types; each failure is an {@link InvalidValueException}. */
public final class Check {
  private Check() {}

  /**
   * Now according to {@code clock}, to the microsecond: the precision PostgreSQL keeps, so an
   * aggregate returned by a use case equals the one read back later.
   */
  public static java.time.Instant now(java.time.Clock clock) {
    return notNull("clock", clock).instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  public static <T> T notNull(String field, T value) {
    if (value == null) {
      throw new InvalidValueException(field, null, "it is required");
    }
    return value;
  }

  /**
   * A human-readable text: trimmed, not blank, at most {@code maxLength} characters, free of
   * control characters and of unpaired surrogates (which no database encoding could store
   * verbatim). Returns the trimmed text.
   */
  public static String text(String field, String value, int maxLength) {
    notNull(field, value);
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidValueException(field, value, "it is blank");
    }
    if (trimmed.length() > maxLength) {
      throw new InvalidValueException(field, value, "it is longer than " + maxLength + " characters");
    }
    if (hasControlCharacter(trimmed)) {
      throw new InvalidValueException(field, value, "it contains a control character");
    }
    if (hasUnpairedSurrogate(trimmed)) {
      throw new InvalidValueException(field, value, "it contains an unpaired surrogate, which is not text");
    }
    return trimmed;
  }

  public static boolean hasUnpairedSurrogate(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  public static boolean hasControlCharacter(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }
}
