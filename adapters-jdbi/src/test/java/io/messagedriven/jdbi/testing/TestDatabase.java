package io.messagedriven.jdbi.testing;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fresh, empty PostgreSQL database per call, for integration tests.
 *
 * <p>With {@code MESSAGE_DRIVEN_TEST_JDBC_URL} set (such as {@code
 * jdbc:postgresql://127.0.0.1:5432/test?user=postgres}) the databases are created on that server;
 * otherwise on an embedded PostgreSQL started once per JVM. Each database is dropped when the JVM
 * exits, so concurrent test runs never share tables.
 */
public final class TestDatabase {
  public static final String SERVER_URL_VARIABLE = "MESSAGE_DRIVEN_TEST_JDBC_URL";

  private static final List<String> CREATED = new CopyOnWriteArrayList<>();
  private static String adminUrl;
  private static EmbeddedPostgres embedded;

  /** Liquibase logs every changeset at INFO through java.util.logging; held so the level sticks. */
  private static final java.util.logging.Logger LIQUIBASE = java.util.logging.Logger.getLogger("liquibase");

  static {
    LIQUIBASE.setLevel(java.util.logging.Level.WARNING);
  }

  private TestDatabase() {}

  /** Whether the databases come from a server rather than the embedded PostgreSQL. */
  public static boolean onServer() {
    String url = System.getenv(SERVER_URL_VARIABLE);
    return url != null && !url.isBlank();
  }

  /** The JDBC URL of a new empty database, user included. */
  public static synchronized String freshUrl() {
    String admin = adminUrl();
    String name = "md_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    execute(admin, "create database " + name);
    CREATED.add(name);
    return withDatabase(admin, name);
  }

  /** A store on a new, migrated database. */
  public static PostgresStore freshStore() {
    return PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(freshUrl()).build();
  }

  /**
   * Creates the roles {@code message_driven_tenant} and {@code message_driven_publisher} as an
   * administrator would, once per server (another test may have made them already).
   */
  public static void createTenancyRoles(String url) {
    execute(url, """
        do $$ begin
          if not exists (select from pg_roles where rolname = 'message_driven_tenant') then
            create role message_driven_tenant nologin;
          end if;
          if not exists (select from pg_roles where rolname = 'message_driven_publisher') then
            create role message_driven_publisher nologin;
          end if;
        exception when duplicate_object or unique_violation then null;
        end $$""");
  }

  /** Runs one statement on {@code url}. */
  public static void execute(String url, String sql) {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String adminUrl() {
    if (adminUrl == null) {
      if (onServer()) {
        adminUrl = System.getenv(SERVER_URL_VARIABLE);
      } else {
        try {
          embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        adminUrl = embedded.getJdbcUrl("postgres", "postgres");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropAll, "drop-test-databases"));
    }
    return adminUrl;
  }

  private static void dropAll() {
    for (String name : CREATED) {
      try {
        execute(adminUrl, "drop database if exists " + name + " with (force)");
      } catch (RuntimeException ignored) {
        // best effort: the server may be gone already
      }
    }
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException ignored) {
        // the JVM is exiting
      }
    }
  }

  /** {@code url} with its database replaced by {@code database}. */
  static String withDatabase(String url, String database) {
    int slashes = url.indexOf("//");
    int path = url.indexOf('/', slashes + 2);
    int query = url.indexOf('?', path);
    String rest = query < 0 ? "" : url.substring(query);
    return url.substring(0, path + 1) + database + rest;
  }
}
