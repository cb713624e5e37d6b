package io.messagedriven.domain.user;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.Ids;

import java.util.UUID;

/** Identity of a {@link User}. */
public record UserId(UUID value) {
  public UserId {
    Check.notNull("userId", value);
  }

  public static UserId random() {
    return new UserId(UUID.randomUUID());
  }

  /** Parses the canonical UUID form; a malformed id is an {@link InvalidValueException}. */
  public static UserId parse(String text) {
    return new UserId(Ids.parse("userId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
