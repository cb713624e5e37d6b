package io.messagedriven.application.internal;

import io.messagedriven.domain.InvalidValueException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursors of paged lists. Each names the list it belongs to, so a cursor of one list
 * passed to another is refused rather than misread. A cursor is not a secret: a forged one can
 * only move within the caller's own tenant.
 */
public final class Cursors {
  public static final String NOT_A_CURSOR = "it is not a cursor of this list; pass the nextCursor of a previous page";
  private static final String EVENTS = "events";

  private Cursors() {}

  public static String ofEvent(long position) {
    return encode(EVENTS + ":" + position);
  }

  public static long event(String cursor) {
    String[] parts = decode(cursor, EVENTS, 2);
    try {
      long position = Long.parseLong(parts[1]);
      if (position < 0) {
        throw invalid(cursor);
      }
      return position;
    } catch (NumberFormatException e) {
      throw invalid(cursor);
    }
  }

  /** A cursor of the list named {@code list}, holding {@code fields} (none may contain ':'). */
  public static String encode(String list, String... fields) {
    return encode(list + ":" + String.join(":", fields));
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The fields of a cursor of the list named {@code list}, the list's name first; {@code parts}
   * counts it too. A cursor of another list, or none at all, is an {@link InvalidValueException}.
   */
  public static String[] decode(String cursor, String list, int parts) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(cursor);
    }
    String[] split = text.split(":", -1);
    if (split.length != parts || !split[0].equals(list)) {
      throw invalid(cursor);
    }
    return split;
  }

  /** The error for a malformed {@code cursor}. */
  public static InvalidValueException invalid(String cursor) {
    return new InvalidValueException("cursor", cursor, NOT_A_CURSOR);
  }
}
