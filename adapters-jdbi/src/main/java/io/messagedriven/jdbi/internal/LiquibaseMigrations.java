package io.messagedriven.jdbi.internal;

import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Runs the changelog with Liquibase's update command. */
public final class LiquibaseMigrations {
  public static final String CHANGELOG = "io/messagedriven/jdbi/db/changelog.xml";
  /** The role tenant-scoped transactions switch to; created by 003-tenancy.sql. */
  public static final String TENANT_ROLE = "message_driven_tenant";
  /** The role whose members read every tenant's events; created by 003-tenancy.sql. */
  public static final String PUBLISHER_ROLE = "message_driven_publisher";

  private LiquibaseMigrations() {}

  /** Brings the database behind {@code dataSource} up to date. */
  public static void run(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Map<String, Object> scope = Map.of(
          Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(LiquibaseMigrations.class.getClassLoader()),
          Scope.Attr.ui.name(), new LoggerUIService());
      Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .setOutput(OutputStream.nullOutputStream()) // the summary goes to the log, not stdout
          .execute());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to run the migrations: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("migrations failed: " + e.getMessage(), e);
    }
  }
}
