package io.messagedriven.jdbi.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.application.port.Transactions;
import java.sql.DriverManager;
import java.util.Properties;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The parts behind {@code PostgresStore}: the pool, Jdbi, and the ports built on them. */
public final class JdbiStore implements AutoCloseable {

  /** Checked settings from the builder. */
  public record Settings(
      String jdbcUrl,
      String username,
      String password,
      DataSource dataSource,
      int maximumPoolSize,
      boolean migrate,
      boolean failedEventsHoldAggregate) {}

  private final HikariDataSource ownedPool;
  private final Jdbi jdbi;
  private final Transactions transactions;
  private final OutboxPort outbox;
  private final OutboxSignals signals;

  public JdbiStore(Settings settings) {
    this.ownedPool = settings.dataSource() == null ? pool(settings) : null;
    DataSource dataSource = ownedPool != null ? ownedPool : settings.dataSource();
    try {
      if (settings.migrate()) {
        LiquibaseMigrations.run(dataSource);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    this.transactions = new JdbiTransactions(jdbi);
    this.outbox = JdbiOutbox.standalone(jdbi, settings.failedEventsHoldAggregate());
    this.signals = new PgOutboxSignals(() -> settings.dataSource() != null
        ? settings.dataSource().getConnection()
        : DriverManager.getConnection(settings.jdbcUrl(), credentials(settings)));
  }

  private static Properties credentials(Settings settings) {
    Properties properties = new Properties();
    if (settings.username() != null) {
      properties.setProperty("user", settings.username());
    }
    if (settings.password() != null) {
      properties.setProperty("password", settings.password());
    }
    return properties;
  }

  private static HikariDataSource pool(Settings settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.jdbcUrl());
    if (settings.username() != null) {
      config.setUsername(settings.username());
    }
    if (settings.password() != null) {
      config.setPassword(settings.password());
    }
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setPoolName("message-driven");
    return new HikariDataSource(config);
  }

  public Transactions transactions() {
    return transactions;
  }

  public OutboxPort outbox() {
    return outbox;
  }

  public OutboxSignals signals() {
    return signals;
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
