package io.messagedriven.examples;

import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * For the command-line programs: whether a failure to open the store may go away by waiting. A
 * database that refuses the settings (an unknown database or role, a wrong password) will refuse
 * them again, so the program says so and exits; one that is down, unreachable, starting up or
 * full may come back, so it is worth waiting for.
 *
 * <p>The store's {@code StoreException} says what failed in words; which kind it is comes from
 * the PostgreSQL SQLState among its causes. This is the examples' one look at JDBC types, which
 * the architecture rules allow this class alone.
 */
final class DatabaseFailures {
  /**
   * SQLState classes of a database not there or not ready: connection exception, insufficient
   * resources (too many connections), operator intervention (shutting down, starting up), system
   * error. Any other state is the server refusing what was asked, which it will do again.
   */
  private static final Set<String> WORTH_WAITING = Set.of("08", "53", "57", "58");
  private static final int MAX_CAUSES = 100;

  private DatabaseFailures() {}

  /**
   * Whether {@code failure}, thrown while opening the store, may go away by waiting: its first
   * SQLState is of a class in {@link #WORTH_WAITING}, or it has none and an I/O error (such as a
   * refused connection or an unknown host) is among its causes.
   */
  static boolean waitingHelps(Throwable failure) {
    boolean io = false;
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
        return WORTH_WAITING.contains(sql.getSQLState().substring(0, 2));
      }
      io |= cause instanceof IOException;
    }
    return io;
  }

  /** What is wrong with {@code url} if the PostgreSQL driver cannot even parse it (such as a port that is not a number). */
  static Optional<String> malformed(String url) {
    try {
      DriverManager.getDriver(url);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of("--jdbc-url must be a JDBC URL the PostgreSQL driver accepts, such as "
          + "jdbc:postgresql://host:5432/database?user=name, was " + Database.redact(url));
    }
  }
}
