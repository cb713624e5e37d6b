package io.messagedriven.jdbi;

import io.messagedriven.jdbi.internal.LiquibaseMigrations;
import javax.sql.DataSource;

/**
 * The Liquibase migrations that create and evolve message-driven's tables.
 *
 * <p>{@link PostgresStore} runs them on start unless told not to. To run them yourself, include
 * {@link #CHANGELOG} from your own changelog, or call {@link #run}. Concurrent runs are safe: they
 * queue on a PostgreSQL session-level advisory lock, which dies with the connection that holds it,
 * so a process killed while it migrates never leaves a lock behind (Liquibase's
 * {@code databasechangeloglock} table is not used). A store that starts on a database whose
 * schema is up to date takes no lock at all and runs nothing; {@link #run} always runs the
 * changelog, including its run-always changesets (the grants), for an administrator who has just
 * created the roles.
 *
 * <p>Every object goes in one schema, {@value PostgresStore#DEFAULT_SCHEMA} unless the changelog
 * parameter {@value #SCHEMA_PARAMETER} names another. A database migrated by message-driven 0.1,
 * whose tables are in the schema first on its search path, is upgraded in place: its tables move,
 * rows and all, into the library's schema.
 *
 * <p>Besides the tables, they enable and force row-level security on them, and create the roles
 * {@link #TENANT_ROLE} and {@link #PUBLISHER_ROLE} with their grants as far as the migrating role
 * is allowed to; what it may not do is logged as a warning and retried on every run. The
 * README's section "Tenancy" lists what an administrator sets up otherwise.
 */
public final class Migrations {
  /** Classpath location of the changelog, for {@code <include file="..."/>}. */
  public static final String CHANGELOG = LiquibaseMigrations.CHANGELOG;

  /**
   * The role the store's transactions switch to ({@code SET LOCAL ROLE}): it has no login and no
   * {@code BYPASSRLS}, so row-level security binds it even when the application connects as a
   * superuser. The migrations create it if the migrating role may, and grant it its table
   * privileges; the connecting role must be a member of it.
   */
  public static final String TENANT_ROLE = LiquibaseMigrations.TENANT_ROLE;

  /**
   * Members of this role read and update every tenant's events: the publishers' cross-tenant
   * path. The migrations create it if the migrating role may; the role publishers connect as
   * must be a member of it unless it is a superuser or has {@code BYPASSRLS}.
   */
  public static final String PUBLISHER_ROLE = LiquibaseMigrations.PUBLISHER_ROLE;

  private Migrations() {}

  /**
   * The changelog parameter naming the schema (default {@value PostgresStore#DEFAULT_SCHEMA}):
   * set it in your own Liquibase run to put the library's objects elsewhere.
   */
  public static final String SCHEMA_PARAMETER = LiquibaseMigrations.SCHEMA_PARAMETER;

  /** Brings the outbox behind {@code dataSource} up to date, in schema {@value PostgresStore#DEFAULT_SCHEMA}. */
  public static void run(DataSource dataSource) {
    run(dataSource, PostgresStore.DEFAULT_SCHEMA);
  }

  /**
   * Brings the outbox behind {@code dataSource} up to date in {@code schema}, creating the schema
   * if it does not exist; Liquibase's own tracking tables go in that schema too.
   */
  public static void run(DataSource dataSource, String schema, String... moreChangelogs) {
    LiquibaseMigrations.run(dataSource, schema, java.util.List.of(moreChangelogs), false);
  }
}
