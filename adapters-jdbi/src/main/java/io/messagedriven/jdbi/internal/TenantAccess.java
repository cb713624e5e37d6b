package io.messagedriven.jdbi.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * What the connecting role can do about tenancy, found once when the store starts.
 *
 * @param role the connecting role
 * @param bypassesRls it is a superuser or has {@code BYPASSRLS}: no policy binds it
 * @param canSwitchToTenantRole it may {@code SET ROLE} to {@link LiquibaseMigrations#TENANT_ROLE}
 * @param readsEveryTenant it sees every tenant's events with no tenant set: it bypasses
 *     row-level security or has the privileges of {@link LiquibaseMigrations#PUBLISHER_ROLE}
 * @param ownsTables it owns the outbox's tables (or is a member of their owner), so SQL run as it
 *     could turn row-level security off
 * @param superuser it is a superuser
 */
record TenantAccess(
    String role, boolean bypassesRls, boolean canSwitchToTenantRole, boolean readsEveryTenant, boolean ownsTables,
    boolean superuser) {

  static TenantAccess probe(Jdbi jdbi, String schema) {
    record Role(String name, boolean bypassesRls, boolean readsEveryTenant, boolean owns, boolean superuser) {}
    try (Handle handle = jdbi.open()) {
      Role role = handle.createQuery(
              """
              select current_user as role,
                     r.rolsuper or r.rolbypassrls as bypasses,
                     r.rolsuper or r.rolbypassrls or coalesce(pg_has_role(p.oid, 'USAGE'), false) as every_tenant,
                     coalesce((select pg_has_role(c.relowner, 'USAGE') from pg_class c
                               join pg_namespace n on n.oid = c.relnamespace
                               where n.nspname = :schema and c.relname = 'events'), false) as owns,
                     r.rolsuper as superuser
              from pg_roles r left join pg_roles p on p.rolname = :publisher
              where r.rolname = current_user
              """)
          .bind("publisher", LiquibaseMigrations.PUBLISHER_ROLE)
          .bind("schema", schema)
          .map((rs, ctx) -> new Role(rs.getString("role"), rs.getBoolean("bypasses"), rs.getBoolean("every_tenant"),
              rs.getBoolean("owns"), rs.getBoolean("superuser")))
          .one();
      return new TenantAccess(role.name(), role.bypassesRls(), canSwitch(handle), role.readsEveryTenant(), role.owns(),
          role.superuser());
    }
  }

  /** Tries the switch in a transaction it rolls back: the catalog cannot say it as simply on every version. */
  private static boolean canSwitch(Handle handle) {
    handle.begin();
    try {
      handle.createQuery("select set_config('role', :role, true)")
          .bind("role", LiquibaseMigrations.TENANT_ROLE)
          .mapTo(String.class)
          .one();
      return true;
    } catch (JdbiException e) {
      return false;
    } finally {
      handle.rollback();
    }
  }
}
