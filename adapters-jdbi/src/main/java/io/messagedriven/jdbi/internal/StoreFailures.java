package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.CommitOutcomeUnknownException;
import io.messagedriven.application.port.StoreException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionException;

/**
 * Turns what Jdbi, HikariCP and the PostgreSQL driver throw into the library's {@link
 * StoreException}s, with a message that says what failed in words an operator acts on.
 */
public final class StoreFailures {
  private StoreFailures() {}

  /**
   * {@code failure} as a {@link StoreException} if it comes from Jdbi or HikariCP; anything else
   * (a domain error, an exception of the caller's own work) passes unchanged.
   */
  public static RuntimeException translate(String doing, RuntimeException failure) {
    if (!(failure instanceof JdbiException) && !failure.getClass().getName().startsWith("com.zaxxer.hikari.")) {
      return failure;
    }
    String cause = describe(failure);
    if (failure instanceof TransactionException && String.valueOf(failure.getMessage()).contains("commit")
        && connectionLost(failure)) {
      return new CommitOutcomeUnknownException(doing + ": the connection was lost while committing, so the "
          + "transaction may or may not have committed (" + cause + ")", failure);
    }
    return new StoreException(doing + ": " + cause, failure);
  }

  /** {@code failure}, a checked SQL error, as a {@link StoreException}. */
  public static StoreException translate(String doing, SQLException failure) {
    return new StoreException(doing + ": " + describe(failure), failure);
  }

  /** What went wrong, from the first SQL error in the chain: its kind in words, then the driver's message. */
  static String describe(Throwable failure) {
    SQLException sql = null;
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        sql = e;
        if (e.getSQLState() != null) {
          break;
        }
      }
    }
    if (sql == null) {
      return String.valueOf(failure.getMessage());
    }
    String message = firstLine(sql.getMessage());
    if (sql instanceof SQLTransientConnectionException) {
      return "no database connection could be had in time (the database is down, unreachable or overloaded): " + message;
    }
    if (message.contains("has been closed")) {
      return "the store is closed";
    }
    String state = sql.getSQLState() == null ? "" : sql.getSQLState();
    String kind = switch (state) {
      case "3D000" -> "the database does not exist";
      case "28P01" -> "the password was refused";
      case "28000" -> "the role does not exist or may not log in";
      case "25006" -> "the transaction is read-only";
      case "57P01" -> "the server terminated the connection (an administrator, a restart or a failover)";
      case "57P02", "57P03" -> "the database is shutting down or starting";
      case "53300" -> "the database has too many connections";
      default -> state.startsWith("08") ? "the database is down, unreachable or dropped the connection" : null;
    };
    return kind == null ? message : kind + ": " + message;
  }

  private static boolean connectionLost(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException e && e.getSQLState() != null && e.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
