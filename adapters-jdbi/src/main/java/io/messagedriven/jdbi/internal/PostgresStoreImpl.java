package io.messagedriven.jdbi.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.jdbi.Migrations;
import io.messagedriven.jdbi.PostgresStore;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** The store behind {@link PostgresStore#builder()}. */
public final class PostgresStoreImpl implements PostgresStore {

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

  public PostgresStoreImpl(Settings settings) {
    this.ownedPool = settings.dataSource() == null ? pool(settings) : null;
    DataSource dataSource = ownedPool != null ? ownedPool : settings.dataSource();
    try {
      if (settings.migrate()) {
        Migrations.run(dataSource);
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    this.transactions = new JdbiTransactions(jdbi);
    this.outbox = JdbiOutbox.standalone(jdbi, settings.failedEventsHoldAggregate());
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

  @Override
  public Transactions transactions() {
    return transactions;
  }

  @Override
  public OutboxPort outbox() {
    return outbox;
  }

  @Override
  public void close() {
    if (ownedPool != null) {
      ownedPool.close();
    }
  }
}
