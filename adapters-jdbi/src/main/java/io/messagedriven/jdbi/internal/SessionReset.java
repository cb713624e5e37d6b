package io.messagedriven.jdbi.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a pooled connection back as a new session would be: {@code DISCARD ALL} drops what SQL of
 * an application's may have left on it (session settings such as {@code
 * default_transaction_read_only}, {@code SET ROLE}, {@code SET SESSION AUTHORIZATION}, temporary
 * tables, prepared statements, {@code LISTEN}s, advisory locks), then the pool's own session
 * settings are applied again. The store runs it on every connection it handed out through {@code
 * PostgresStore.connection} or {@code handle} before the pool gets it back, and on a connection
 * it finds in such a state when a transaction starts.
 */
final class SessionReset {
  private static final Logger log = LoggerFactory.getLogger(SessionReset.class);
  /** Session settings of the pool, applied after the reset; null for a pool of the application's. */
  private final String sessionSettings;

  SessionReset(String sessionSettings) {
    this.sessionSettings = sessionSettings;
  }

  /** Resets a connection that has no transaction open; returns false when the connection is unusable. */
  boolean reset(Connection connection) {
    try (Statement statement = connection.createStatement()) {
      statement.execute("discard all");
      if (sessionSettings != null) {
        statement.execute(sessionSettings);
      }
      return true;
    } catch (SQLException e) {
      log.warn("cannot reset a pooled connection, closing it instead: {}", e.toString());
      try {
        connection.abort(Runnable::run);
      } catch (SQLException ignored) {
        // it is broken already
      }
      return false;
    }
  }
}
