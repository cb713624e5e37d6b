package io.messagedriven.application.internal;

import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The opaque cursors of paged lists. Each names the list it belongs to, so a cursor of one list
 * passed to another is refused rather than misread. A cursor is not a secret: a forged one can
 * only move within the caller's own tenant.
 */
public final class Cursors {
  public static final String NOT_A_CURSOR = "it is not a cursor of this list; pass the nextCursor of a previous page";
  private static final String USERS = "users";
  private static final String EVENTS = "events";

  private Cursors() {}

  public static String ofUser(UserRepository.After after) {
    Instant at = after.createdAt();
    return encode(USERS + ":" + at.getEpochSecond() + ":" + at.getNano() + ":" + after.id());
  }

  public static UserRepository.After user(String cursor) {
    String[] parts = decode(cursor, USERS, 4);
    try {
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      return new UserRepository.After(at, new UserId(UUID.fromString(parts[3])));
    } catch (RuntimeException e) {
      throw invalid(cursor);
    }
  }

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

  private static String encode(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor, String list, int parts) {
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

  private static InvalidValueException invalid(String cursor) {
    return new InvalidValueException("cursor", cursor, NOT_A_CURSOR);
  }
}
