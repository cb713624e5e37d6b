package io.messagedriven.application.port;

import io.messagedriven.application.DuplicateEmailException;
import io.messagedriven.domain.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.User;
import io.messagedriven.domain.UserId;
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
   */
  void add(User user);
}
