package io.messagedriven.jdbi;

import io.messagedriven.jdbi.internal.LiquibaseMigrations;
import javax.sql.DataSource;

/**
 * The Liquibase migrations that create and evolve message-driven's tables.
 *
 * <p>{@link PostgresStore} runs them on start unless told not to. To run them yourself, include
 * {@link #CHANGELOG} from your own changelog, or call {@link #run}. Concurrent runs are safe:
 * Liquibase serialises them with its lock table.
 */
public final class Migrations {
  /** Classpath location of the changelog, for {@code <include file="..."/>}. */
  public static final String CHANGELOG = LiquibaseMigrations.CHANGELOG;

  private Migrations() {}

  /** Brings the database behind {@code dataSource} up to date. */
  public static void run(DataSource dataSource) {
    LiquibaseMigrations.run(dataSource);
  }
}
