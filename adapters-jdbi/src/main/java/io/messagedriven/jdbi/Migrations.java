package io.messagedriven.jdbi;

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

/**
 * The Liquibase migrations that create and evolve message-driven's tables.
 *
 * <p>{@link PostgresStore} runs them on start unless told not to. To run them yourself, include
 * {@link #CHANGELOG} from your own changelog, or call {@link #run}. Concurrent runs are safe:
 * Liquibase serialises them with its lock table.
 */
public final class Migrations {
  /** Classpath location of the changelog, for {@code <include file="..."/>}. */
  public static final String CHANGELOG = "io/messagedriven/jdbi/db/changelog.xml";

  private Migrations() {}

  /** Brings the database behind {@code dataSource} up to date. */
  public static void run(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Map<String, Object> scope = Map.of(
          Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(Migrations.class.getClassLoader()),
          Scope.Attr.ui.name(), new LoggerUIService());
      Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
          .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
          .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
          .execute());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to run the migrations: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("migrations failed: " + e.getMessage(), e);
    }
  }
}
