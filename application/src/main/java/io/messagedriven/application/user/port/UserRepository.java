package io.messagedriven.application.user.port;

import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The users of a tenant, as seen from inside one transaction. */
public interface UserRepository {

  Optional<User> findById(TenantId tenant, UserId id);

  /** Finds the user with this address in the tenant, ignoring case. */
  Optional<User> findByEmail(TenantId tenant, Email email);

  /**
   * Adds a new user.
   *
   * @throws DuplicateEmailException if the tenant has a user with the same address ignoring
   *     case, even one committed concurrently
   * @throws UnknownTenantException if the user's tenant does not exist
   */
  void add(User user);

  /**
   * Up to {@code limit} users of the tenant in creation order (ties broken by id), starting
   * after the user at {@code after}, or from the first user when {@code after} is null.
   */
  List<User> list(TenantId tenant, After after, int limit);

  /**
   * A position in a tenant's users, as ordered by {@link #list}: past the user created at {@code
   * createdAt} with id {@code id}.
   */
  record After(Instant createdAt, UserId id) {
    public After {
      if (createdAt == null || id == null) {
        throw new IllegalArgumentException("a position needs a creation time and an id");
      }
    }
  }
}
