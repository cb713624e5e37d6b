package io.messagedriven.examples.service;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The README's "Add it to an existing service" samples, compiled and run by the build
 * (ExistingServiceExampleIT): a service with an {@code orders} table of its own, in its own
 * schema and its own transactions, and no tenants, appends {@code Order.placed} events.
 */
public final class ExistingServiceExample {
  private final DataSource pool;
  private final PostgresStore store;
  private final Clock clock = Clock.systemUTC();

  /** The service's own table, as it has it already. */
  static final String ORDERS_TABLE = "create table if not exists orders (id uuid primary key, total_cents bigint not null)";

  /** What the service grants so that its DAO may also run inside the store's own transactions. */
  static final String ORDERS_GRANT = "grant select, insert on orders to message_driven_tenant";

  ExistingServiceExample(DataSource pool, PostgresStore store) {
    this.pool = pool;
    this.store = store;
  }

  /** Places an order in a plain JDBC transaction of the service's; returns its id. */
  UUID placeWithJdbc(long totalCents) throws SQLException {
    // tag::jdbc[]
    UUID order = UUID.randomUUID();
    try (Connection connection = pool.getConnection()) {
      connection.setAutoCommit(false);                 // the service's own transaction
      try (PreparedStatement insert = connection.prepareStatement(
          "insert into orders (id, total_cents) values (?, ?)")) {
        insert.setObject(1, order);
        insert.setLong(2, totalCents);
        insert.executeUpdate();
      }
      store.append(connection, Event.raise(            // no tenant given: the default tenant
          "Order", order.toString(), "Order.placed", "{\"totalCents\":" + totalCents + "}", clock.instant()));
      connection.commit();                             // the order and its event, or neither
    }
    // end::jdbc[]
    return order;
  }

  /** The service's Jdbi DAO, unchanged by the outbox. */
  public interface OrderDao {
    @SqlUpdate("insert into orders (id, total_cents) values (:id, :total)")
    void insert(@Bind("id") UUID id, @Bind("total") long totalCents);

    @SqlQuery("select count(*) from orders")
    long count();
  }

  /** Places orders in a Jdbi transaction of the service's, then in one the store opens. */
  List<UUID> placeWithJdbi(Jdbi jdbi, long totalCents) {
    // tag::jdbi[]
    UUID first = UUID.randomUUID();
    jdbi.useTransaction(handle -> {                    // the service's own Jdbi transaction
      handle.attach(OrderDao.class).insert(first, totalCents);
      store.append(handle, Event.raise(
          "Order", first.toString(), "Order.placed", "{\"totalCents\":" + totalCents + "}", clock.instant()));
    });

    // Or the other way round: the store opens the transaction, the service's DAO joins it.
    UUID second = UUID.randomUUID();
    store.transactions().inTenant(TenantId.DEFAULT, tx -> {   // runs as role message_driven_tenant
      PostgresStore.handle(tx).attach(OrderDao.class).insert(second, totalCents);
      tx.outbox().append(Event.raise(
          "Order", second.toString(), "Order.placed", "{\"totalCents\":" + totalCents + "}", clock.instant()));
      return null;
    });
    // end::jdbi[]
    return List.of(first, second);
  }

  /** The service's Jdbi, set up as it would be (SqlObject installed). */
  static Jdbi serviceJdbi(DataSource pool) {
    return Jdbi.create(pool).installPlugin(new SqlObjectPlugin());
  }
}
