package io.messagedriven.jdbi.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Scopes a transaction to a tenant: sets {@code message_driven.tenant_id} (empty for no tenant)
 * and, where the session may, switches to {@link LiquibaseMigrations#TENANT_ROLE}, both for the
 * transaction only ({@code set_config(..., true)}), so row-level security binds the statements
 * whatever role the connection logged in as, and a pooled connection never carries either over.
 *
 * <p>A transaction the library opened is entered once and ends with its commit. A transaction a
 * caller opened is {@linkplain #join joined}: the role and tenant it had are read first and
 * {@linkplain #restore restored} after the library's statements, so the rest of the caller's
 * transaction runs as it would have.
 */
final class TenantScope {
  static final String TENANT_SETTING = "message_driven.tenant_id";
  /** Set to 'on' in the library's transactions with no tenant: publishers' policy shows no event there. */
  static final String DIRECTORY_SETTING = "message_driven.directory";
  /**
   * Set in transactions whose commit this store sees return (its own, and those joined on a Jdbi
   * handle): the store's origin, which the notification trigger (changelog 110) sends as its
   * payload, so this store's signals know a notification of a commit they already told of.
   */
  static final String ORIGIN_SETTING = "message_driven.origin";
  private static final String TENANT = "pg_catalog.set_config('" + TENANT_SETTING + "', ?, true), "
      + "pg_catalog.set_config('" + DIRECTORY_SETTING + "', case when ? = '' then 'on' else '' end, true)";
  private static final String ROLE = "pg_catalog.set_config('role', '" + LiquibaseMigrations.TENANT_ROLE + "', true)";
  private static final String JOIN_PREFIX =
      "with saved as materialized ("
          + "select pg_catalog.current_setting('role') as role, "
          + "pg_catalog.current_setting('" + TENANT_SETTING + "', true) as tenant, "
          + "pg_catalog.current_setting('" + DIRECTORY_SETTING + "', true) as directory, "
          + "case when exists (select from pg_catalog.pg_roles where rolname = '" + LiquibaseMigrations.TENANT_ROLE + "') "
          + "then pg_catalog.pg_has_role(session_user, '" + LiquibaseMigrations.TENANT_ROLE + "', 'MEMBER') "
          + "else false end as may_switch) "
          + "select saved.role, saved.tenant, saved.directory, case when saved.may_switch then " + ROLE + " end, " + TENANT;
  private static final String RESTORE = "select pg_catalog.set_config('role', ?, true), "
      + "pg_catalog.set_config('" + TENANT_SETTING + "', ?, true), pg_catalog.set_config('" + DIRECTORY_SETTING + "', ?, true)";

  /** What a joined transaction had before the library scoped it. */
  record Saved(String role, String tenant, String directory) {}

  private final String enter;
  private final String join;
  private final String joinObserved;

  /**
   * @param switchRole whether the library's own transactions switch to {@link
   *     LiquibaseMigrations#TENANT_ROLE}; without it the connecting role itself must be bound by
   *     row-level security
   */
  TenantScope(boolean switchRole, java.util.UUID origin) {
    String setOrigin = "pg_catalog.set_config('" + ORIGIN_SETTING + "', '" + origin + "', true)";
    this.enter = "with session as materialized (select pg_catalog.current_setting('transaction_read_only') = 'on' "
        + "as read_only, pg_catalog.current_setting('role') as role, session_user::text as login) "
        + "select session.read_only, session.role, session.login, " + (switchRole ? ROLE + ", " : "") + TENANT
        + ", " + setOrigin + " from session";
    this.join = JOIN_PREFIX + " from saved";
    this.joinObserved = JOIN_PREFIX + ", " + setOrigin + " from saved";
  }

  /**
   * Scopes a transaction the library just began; {@code tenant} is a UUID, or empty for none.
   * Returns false, having changed nothing that outlives the transaction, when the session is not
   * as a new one would be (an earlier user of the pooled connection left it read-only, under
   * another role or session authorization than {@code login}): roll back, reset and begin again.
   */
  boolean enter(Connection connection, String tenant, String login) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(enter)) {
      statement.setString(1, tenant);
      statement.setString(2, tenant);
      try (ResultSet session = statement.executeQuery()) {
        session.next();
        return !session.getBoolean(1) && "none".equals(session.getString(2)) && login.equals(session.getString(3));
      }
    }
  }

  /**
   * Scopes a caller's open transaction, returning what {@link #restore} puts back; {@code
   * observed}: the store will see its commit return, so its notification carries the origin.
   */
  Saved join(Connection connection, String tenant, boolean observed) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(observed ? joinObserved : join)) {
      statement.setString(1, tenant);
      statement.setString(2, tenant);
      try (ResultSet saved = statement.executeQuery()) {
        saved.next();
        return new Saved(saved.getString(1), saved.getString(2), saved.getString(3));
      }
    }
  }

  /**
   * Puts back the role and tenant a joined transaction had. A tenant setting that did not exist
   * in the session before reads as empty afterwards: PostgreSQL keeps a placeholder once set.
   */
  void restore(Connection connection, Saved saved) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RESTORE)) {
      statement.setString(1, saved.role());
      statement.setString(2, saved.tenant() == null ? "" : saved.tenant());
      statement.setString(3, saved.directory() == null ? "" : saved.directory());
      statement.executeQuery().close();
    }
  }
}
