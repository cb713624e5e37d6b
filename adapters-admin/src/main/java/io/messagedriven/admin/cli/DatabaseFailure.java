package io.messagedriven.admin.cli;

import java.io.IOException;
import java.sql.SQLException;

/**
 * Which exit code a failing store gets: the database refusing the settings (an unknown database
 * or role, a wrong password: {@link ExitCodes#REFUSED}) or not there ({@link
 * ExitCodes#UNREACHABLE}), read from the PostgreSQL SQLState among the causes.
 */
final class DatabaseFailure {
  /** SQLState classes of a database not there or not ready: connection, resources, operator intervention, system. */
  private static final java.util.Set<String> NOT_THERE = java.util.Set.of("08", "53", "57", "58");
  private static final int MAX_CAUSES = 100;

  private DatabaseFailure() {}

  /**
   * Whether the failure is a table or schema that does not exist (SQLState 42P01, 3F000): the
   * database has no outbox in that schema, or one older than this CLI, which never migrates.
   */
  static boolean schemaMissing(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql && ("42P01".equals(sql.getSQLState()) || "3F000".equals(sql.getSQLState()))) {
        return true;
      }
    }
    return false;
  }

  static int exitCode(Throwable failure) {
    boolean io = false;
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() >= 2) {
        return NOT_THERE.contains(sql.getSQLState().substring(0, 2)) ? ExitCodes.UNREACHABLE : ExitCodes.REFUSED;
      }
      io |= cause instanceof IOException;
    }
    return io ? ExitCodes.UNREACHABLE : ExitCodes.FAILED;
  }
}
