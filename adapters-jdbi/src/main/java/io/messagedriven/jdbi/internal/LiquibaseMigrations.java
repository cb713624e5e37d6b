package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.StoreException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.HashSet;
import java.util.Set;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.lockservice.LockServiceFactory;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Runs changelogs with Liquibase's update command, in the library's schema: the objects and
 * Liquibase's own tracking table both go there. Liquibase's lock is a session-level advisory
 * lock ({@link SessionLockService}), never a row that could outlive a killed process.
 */
public final class LiquibaseMigrations {
  public static final String CHANGELOG = "io/messagedriven/jdbi/db/changelog.xml";
  /** The changelog parameter naming the schema. */
  public static final String SCHEMA_PARAMETER = "message_driven_schema";
  /** The role tenant-scoped transactions switch to; created by 040-tenancy.sql. */
  public static final String TENANT_ROLE = "message_driven_tenant";
  /** The role whose members read every tenant's events; created by 040-tenancy.sql. */
  public static final String PUBLISHER_ROLE = "message_driven_publisher";

  private LiquibaseMigrations() {}

  /**
   * Brings the database behind {@code dataSource} up to date: the outbox, then {@code more}. With
   * {@code unlessUpToDate}, a changelog whose every changeset ran already is not run at all (no
   * lock is taken; its run-always changesets, the grants, wait for the next real run).
   * Concurrent runs queue on a session-level advisory lock, which dies with its connection.
   */
  public static void run(DataSource dataSource, String schema, List<String> more, boolean unlessUpToDate) {
    if (!SchemaName.isValid(schema)) {
      throw new IllegalArgumentException("schema must be a lower-case identifier other than public, was " + schema);
    }
    try (Connection connection = dataSource.getConnection()) {
      createSchema(connection, schema);
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      database.setLiquibaseSchemaName(schema);
      SessionLockService.use(database, schema);
      ClassLoaderResourceAccessor resources = new ClassLoaderResourceAccessor(LiquibaseMigrations.class.getClassLoader());
      Map<String, Object> scope = Map.of(
          Scope.Attr.resourceAccessor.name(), resources,
          Scope.Attr.ui.name(), new LoggerUIService());
      try {
        for (String changelog : concat(CHANGELOG, more)) {
          ChangeLogParameters parameters = new ChangeLogParameters(database);
          parameters.set(SCHEMA_PARAMETER, schema);
          registerLockService();
          Scope.child(scope, () -> {
            if (unlessUpToDate && upToDate(connection, schema, changelog, parameters, resources)) {
              return;
            }
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
                .setOutput(OutputStream.nullOutputStream()) // the summary goes to the log, not stdout
                .execute();
          });
        }
      } finally {
        SessionLockService.forget(database);
      }
    } catch (SQLException e) {
      throw StoreFailures.translate("cannot connect to run the migrations", e);
    } catch (RuntimeException e) {
      throw StoreFailures.translate("cannot run the migrations", e);
    } catch (Exception e) {
      throw new StoreException("the migrations failed: " + e.getMessage(), e);
    }
  }

  /** Liquibase drops its factory (and what was registered with it) after each command: register anew. */
  private static synchronized void registerLockService() {
    LockServiceFactory factory = LockServiceFactory.getInstance();
    if (factory != registeredWith) {
      factory.register(new SessionLockService());
      registeredWith = factory;
    }
  }

  private static LockServiceFactory registeredWith;

  /** Whether every changeset of {@code changelog} but the run-always ones is recorded as run. */
  private static boolean upToDate(Connection connection, String schema, String changelog, ChangeLogParameters parameters,
      ClassLoaderResourceAccessor resources) throws Exception {
    Set<String> ran = new HashSet<>();
    try (PreparedStatement exists = connection.prepareStatement("select pg_catalog.to_regclass(?) is not null")) {
      exists.setString(1, schema + ".databasechangelog");
      try (ResultSet found = exists.executeQuery()) {
        found.next();
        if (!found.getBoolean(1)) {
          return false;
        }
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select id, author, filename from " + schema + ".databasechangelog")) {
      while (rows.next()) {
        ran.add(rows.getString(1) + "::" + rows.getString(2) + "::" + rows.getString(3));
      }
    }
    DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(changelog, resources)
        .parse(changelog, parameters, resources);
    for (ChangeSet changeSet : log.getChangeSets()) {
      if (!changeSet.isAlwaysRun()
          && !ran.contains(changeSet.getId() + "::" + changeSet.getAuthor() + "::" + changeSet.getFilePath())) {
        return false;
      }
    }
    return true;
  }

  private static List<String> concat(String first, List<String> rest) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
  }

  /**
   * Creates the schema Liquibase keeps its tracking tables in, before Liquibase looks for them.
   * A role without {@code CREATE} on the database can still migrate a schema that exists.
   */
  private static void createSchema(Connection connection, String schema) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement("select 1 from pg_catalog.pg_namespace where nspname = ?")) {
      exists.setString(1, schema);
      try (ResultSet found = exists.executeQuery()) {
        if (found.next()) {
          return;
        }
      }
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try (Statement create = connection.createStatement()) {
      create.execute("create schema if not exists " + schema);
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }
}
