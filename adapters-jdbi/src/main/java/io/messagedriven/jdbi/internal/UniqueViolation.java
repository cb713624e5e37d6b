package io.messagedriven.jdbi.internal;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Finds which unique or foreign-key constraint a failed statement broke, if any. */
final class UniqueViolation {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private UniqueViolation() {}

  /** The unique constraint {@code error} broke, if that is what it is. */
  static Optional<String> constraintOf(Throwable error) {
    return violated(error, UNIQUE_VIOLATION);
  }

  /** The foreign key {@code error} broke, if that is what it is. */
  static Optional<String> foreignKeyOf(Throwable error) {
    return violated(error, FOREIGN_KEY_VIOLATION);
  }

  private static Optional<String> violated(Throwable error, String sqlState) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
        if (t instanceof PSQLException psql) {
          ServerErrorMessage server = psql.getServerErrorMessage();
          if (server != null && server.getConstraint() != null) {
            return Optional.of(server.getConstraint());
          }
        }
        return Optional.of("");
      }
    }
    return Optional.empty();
  }
}
