package io.messagedriven.domain.internal;

import io.messagedriven.domain.InvalidValueException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Argument checks shared by the value types; each failure is an {@link InvalidValueException}. */
public final class Check {
  /** The start of year 1, UTC: the earliest instant a stored timestamp may hold. */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
  /** The last microsecond of year 9999, UTC: the latest instant a stored timestamp may hold. */
  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  private Check() {}

  /**
   * Now according to {@code clock}, to the microsecond: the precision PostgreSQL keeps, so an
   * aggregate returned by a use case equals the one read back later.
   */
  public static Instant now(Clock clock) {
    return notNull("clock", clock).instant().truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * A point in time as PostgreSQL keeps it: truncated to the microsecond, and refused outside
   * the years 1 to 9999 (UTC). PostgreSQL's {@code timestamptz} reaches from 4713 BC to 294276
   * AD, but four-digit years are what ISO 8601 text, JSON consumers and most other languages'
   * date types read without surprises.
   */
  public static Instant instant(String field, Instant value) {
    notNull(field, value);
    Instant micros = value.truncatedTo(ChronoUnit.MICROS);
    if (micros.isBefore(EARLIEST) || micros.isAfter(LATEST)) {
      throw new InvalidValueException(field, value, "it is outside the years 1 to 9999 (UTC)");
    }
    return micros;
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
