package io.messagedriven.jdbi.internal;

import io.messagedriven.application.DuplicateEmailException;
import io.messagedriven.application.port.UserRepository;
import io.messagedriven.domain.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.User;
import io.messagedriven.domain.UserId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** Users in the {@code users} table, within one transaction. */
final class JdbiUserRepository implements UserRepository {
  private final UserDao dao;

  JdbiUserRepository(UserDao dao) {
    this.dao = dao;
  }

  @Override
  public Optional<User> findById(TenantId tenant, UserId id) {
    return dao.findById(tenant.value(), id.value());
  }

  @Override
  public Optional<User> findByEmail(TenantId tenant, Email email) {
    return dao.findByEmail(tenant.value(), email.value());
  }

  @Override
  public void add(User user) {
    try {
      dao.insert(user.id().value(), user.tenantId().value(), user.email().value(), user.name(),
          user.createdAt().atOffset(ZoneOffset.UTC));
    } catch (JdbiException e) {
      if (UniqueViolation.constraintOf(e).filter("users_email_per_tenant"::equals).isPresent()) {
        throw new DuplicateEmailException(user.tenantId(), user.email());
      }
      throw e;
    }
  }

  @Override
  public List<User> list(TenantId tenant, After after, int limit) {
    if (after == null) {
      return dao.listFirst(tenant.value(), limit);
    }
    return dao.listAfter(tenant.value(), after.createdAt().atOffset(ZoneOffset.UTC), after.id().value(), limit);
  }
}
