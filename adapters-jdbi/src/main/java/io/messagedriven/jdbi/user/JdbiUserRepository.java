package io.messagedriven.jdbi.user;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.user.port.UserRepository;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Users in the {@code users} table, within the transaction of one handle. The insert, the hot
 * path of {@code CreateUser}, is plain JDBC on the handle's connection; the reads are Jdbi.
 */
final class JdbiUserRepository implements UserRepository {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

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
    String schema = (String) handle.getConfig(SqlStatements.class).getAttribute("schema");
    try (PreparedStatement insert = handle.getConnection().prepareStatement(
        "insert into " + schema + ".users (id, tenant_id, email, name, created_at) values (?, ?, ?, ?, ?)")) {
      insert.setObject(1, user.id().value());
      insert.setObject(2, user.tenantId().value());
      insert.setString(3, user.email().value());
      insert.setString(4, user.name());
      insert.setObject(5, user.createdAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      if (UNIQUE_VIOLATION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("users_email_per_tenant")) {
        throw new DuplicateEmailException(user.tenantId(), user.email());
      }
      if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("users_tenant_id_fkey")) {
        throw new UnknownTenantException(user.tenantId()); // foreign keys are checked past row-level security
      }
      throw new StoreException("cannot insert user " + user.id() + ": " + e.getMessage(), e);
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
