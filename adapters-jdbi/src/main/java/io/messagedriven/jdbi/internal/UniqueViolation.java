package io.messagedriven.jdbi.internal;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Finds which unique constraint a failed statement broke, if any. */
final class UniqueViolation {
  private static final String UNIQUE_VIOLATION = "23505";

  private UniqueViolation() {}

  static Optional<String> constraintOf(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
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
