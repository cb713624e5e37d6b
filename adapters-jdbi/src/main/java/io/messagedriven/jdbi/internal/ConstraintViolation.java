package io.messagedriven.jdbi.internal;

import java.sql.SQLException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What a failed statement broke, read from PostgreSQL's error: a unique or foreign-key
 * constraint, or a row-level security policy.
 */
public final class ConstraintViolation {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final String INSUFFICIENT_PRIVILEGE = "42501";

  private ConstraintViolation() {}

  /** The unique constraint {@code error} broke, if that is what it is. */
  public static Optional<String> unique(Throwable error) {
    return violated(error, UNIQUE_VIOLATION);
  }

  /** The foreign key {@code error} broke, if that is what it is. */
  public static Optional<String> foreignKey(Throwable error) {
    return violated(error, FOREIGN_KEY_VIOLATION);
  }

  /** Whether a row-level security policy refused a row ("new row violates row-level security policy"). */
  public static boolean rowLevelSecurity(Throwable error) {
    SQLException sql = sqlException(error, INSUFFICIENT_PRIVILEGE);
    return sql != null && sql.getMessage() != null && sql.getMessage().contains("row-level security");
  }

  /** The value of {@code column} in the error's detail ({@code Key (column)=(value) ...}), if given. */
  public static Optional<String> keyValue(Throwable error, String column) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        String detail = psql.getServerErrorMessage().getDetail();
        if (detail != null) {
          Matcher key = Pattern.compile("Key \\(" + Pattern.quote(column) + "\\)=\\(([^)]*)\\)").matcher(detail);
          if (key.find()) {
            return Optional.of(key.group(1));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> violated(Throwable error, String sqlState) {
    SQLException sql = sqlException(error, sqlState);
    if (sql == null) {
      return Optional.empty();
    }
    if (sql instanceof PSQLException psql) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      if (server != null && server.getConstraint() != null) {
        return Optional.of(server.getConstraint());
      }
    }
    return Optional.of("");
  }

  private static SQLException sqlException(Throwable error, String sqlState) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sqlState.equals(sql.getSQLState())) {
        return sql;
      }
    }
    return null;
  }
}
