package io.messagedriven.spring.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The outbox's lag: how long the oldest event that is due (pending, not leased, not backing off)
 * has waited for a publisher. One indexed read on the store's schema, on a connection of the
 * application's data source (whose role, like a publisher's, sees every tenant's events).
 *
 * <p>The library's operations port, once it exists, replaces this query.
 */
public final class OutboxLag {
  private final DataSource dataSource;
  private final String sql;

  /** Reads the lag of the outbox in {@code schema} (a name {@code PostgresStore} has checked). */
  public OutboxLag(DataSource dataSource, String schema) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.sql = "select coalesce(extract(epoch from now() - min(next_attempt_at)), 0) from "
        + Objects.requireNonNull(schema, "schema")
        + ".events where published_at is null and failed_at is null and next_attempt_at <= now()";
  }

  /** The lag, zero when nothing is due. */
  public Duration read() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet row = statement.executeQuery()) {
      row.next();
      return Duration.ofMillis(Math.max(0, Math.round(row.getDouble(1) * 1000)));
    }
  }
}
