package io.messagedriven.spring.internal;

import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Transactions that join the Spring-managed one on the application's data source, or refuse. */
public final class SpringTransactions implements Transactions {
  private final PostgresStore store;
  private final DataSource dataSource;
  private final boolean ownTransactionOutside;

  /** Joins transactions on {@code dataSource}; {@code ownTransactionOutside} commits work done outside one on its own. */
  public SpringTransactions(PostgresStore store, DataSource dataSource, boolean ownTransactionOutside) {
    this.store = Objects.requireNonNull(store, "store");
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.ownTransactionOutside = ownTransactionOutside;
  }

  /** Appends {@code events} on the transaction's connection. */
  public void append(Collection<Event> events) {
    Objects.requireNonNull(events, "events");
    onConnection((store, connection) -> {
      store.append(connection, events);
      return null;
    });
  }

  @Override
  public <T> T inTenant(TenantId tenant, Function<UnitOfWork, T> work) {
    return onConnection((store, connection) -> store.joining(connection).inTenant(tenant, work));
  }

  @Override
  public <T> T withoutTenant(Function<UnitOfWork, T> work) {
    return onConnection((store, connection) -> store.joining(connection).withoutTenant(work));
  }

  private <T> T onConnection(BiFunction<PostgresStore, Connection, T> work) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      if (!ownTransactionOutside) {
        throw new NoTransactionException("no Spring-managed transaction is active: call the outbox inside "
            + "@Transactional or a TransactionTemplate (or set message-driven.outside-transaction=own-transaction); "
            + "nothing was written");
      }
      return inOwnTransaction(work);
    }
    Connection connection = connection();
    try {
      return work.apply(store, connection);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  private Connection connection() {
    try {
      return DataSourceUtils.getConnection(dataSource);
    } catch (CannotGetJdbcConnectionException e) {
      throw new StoreException("cannot get the transaction's connection from the data source", e);
    }
  }

  private <T> T inOwnTransaction(BiFunction<PostgresStore, Connection, T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.apply(store, connection);
        connection.commit();
        return result;
      } catch (RuntimeException | Error e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot append in a transaction of its own", e);
    }
  }
}
