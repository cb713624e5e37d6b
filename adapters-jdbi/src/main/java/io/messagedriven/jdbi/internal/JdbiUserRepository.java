package io.messagedriven.jdbi.internal;

import io.messagedriven.application.DuplicateEmailException;
import io.messagedriven.application.UnknownTenantException;
import io.messagedriven.application.port.UserRepository;
import io.messagedriven.domain.Email;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.User;
import io.messagedriven.domain.UserId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Users in the {@code users} table, within one transaction. */
final class JdbiUserRepository implements UserRepository {
  private final Handle handle;
  private UserDao dao;

  JdbiUserRepository(Handle handle) {
    this.handle = handle;
  }

  private UserDao dao() {
    if (dao == null) {
      dao = handle.attach(UserDao.class);
    }
    return dao;
  }

  @Override
  public Optional<User> findById(TenantId tenant, UserId id) {
    return dao().findById(tenant.value(), id.value());
  }

  @Override
  public Optional<User> findByEmail(TenantId tenant, Email email) {
    return dao().findByEmail(tenant.value(), email.value());
  }

  @Override
  public void add(User user) {
    try {
      WritePath.insertUser(handle.getConnection(), user);
    } catch (SQLException e) {
      if (UniqueViolation.constraintOf(e).filter("users_email_per_tenant"::equals).isPresent()) {
        throw new DuplicateEmailException(user.tenantId(), user.email());
      }
      if (UniqueViolation.foreignKeyOf(e).filter("users_tenant_id_fkey"::equals).isPresent()) {
        throw new UnknownTenantException(user.tenantId()); // foreign keys are checked past row-level security
      }
      throw new UnableToExecuteStatementException("cannot insert user " + user.id() + ": " + e.getMessage(), e, null);
    }
  }

  @Override
  public List<User> list(TenantId tenant, After after, int limit) {
    if (after == null) {
      return dao().listFirst(tenant.value(), limit);
    }
    return dao().listAfter(tenant.value(), after.createdAt().atOffset(ZoneOffset.UTC), after.id().value(), limit);
  }
}
