package io.messagedriven.jdbi.internal;

import java.sql.Connection;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Jdbi handles over connections a caller owns, configured as the store's own (SqlObject, the
 * schema). Closing such a handle leaves its connection open, and Jdbi leaves a transaction that
 * was open when the handle was opened to its owner.
 */
final class CallerHandles {
  private final ThreadLocal<Connection> opening = new ThreadLocal<>();
  private final Jdbi jdbi;

  CallerHandles(String schema) {
    this.jdbi = JdbiStore.configured(Jdbi.create(new ConnectionFactory() {
      @Override
      public Connection openConnection() {
        return opening.get();
      }

      @Override
      public void closeConnection(Connection connection) {
        // the caller's connection: the caller closes it
      }
    }), schema);
  }

  Handle open(Connection connection) {
    opening.set(connection);
    try {
      return jdbi.open();
    } finally {
      opening.remove();
    }
  }
}
