package io.messagedriven.jdbi.internal;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
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
 * Liquibase's own tracking tables both go there.
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

  /** Brings the database behind {@code dataSource} up to date: the outbox, then {@code more}. */
  public static void run(DataSource dataSource, String schema, List<String> more) {
    if (!SchemaName.isValid(schema)) {
      throw new IllegalArgumentException("schema must be a lower-case identifier other than public, was " + schema);
    }
    try (Connection connection = dataSource.getConnection()) {
      createSchema(connection, schema);
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      database.setLiquibaseSchemaName(schema);
      Map<String, Object> scope = Map.of(
          Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(LiquibaseMigrations.class.getClassLoader()),
          Scope.Attr.ui.name(), new LoggerUIService());
      for (String changelog : concat(CHANGELOG, more)) {
        ChangeLogParameters parameters = new ChangeLogParameters(database);
        parameters.set(SCHEMA_PARAMETER, schema);
        Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
            .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
            .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
            .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters)
            .setOutput(OutputStream.nullOutputStream()) // the summary goes to the log, not stdout
            .execute());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to run the migrations: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("migrations failed: " + e.getMessage(), e);
    }
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
