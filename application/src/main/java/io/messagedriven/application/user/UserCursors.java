package io.messagedriven.application.user;

import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.domain.user.UserId;
import java.time.Instant;
import java.util.UUID;

/** Cursors of a tenant's users in creation order, in the shared cursor format. */
final class UserCursors {
  private static final String USERS = "users";

  private UserCursors() {}

  static String of(UserRepository.After after) {
    Instant at = after.createdAt();
    return Cursors.encode(USERS, Long.toString(at.getEpochSecond()), Integer.toString(at.getNano()), after.id().toString());
  }

  static UserRepository.After parse(String cursor) {
    String[] parts = Cursors.decode(cursor, USERS, 4);
    try {
      Instant at = Instant.ofEpochSecond(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
      return new UserRepository.After(at, new UserId(UUID.fromString(parts[3])));
    } catch (RuntimeException e) {
      throw Cursors.invalid(cursor);
    }
  }
}
