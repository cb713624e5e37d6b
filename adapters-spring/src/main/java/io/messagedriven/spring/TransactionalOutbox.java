package io.messagedriven.spring;

import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.Event;
import io.messagedriven.spring.internal.SpringTransactions;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Appends events in the Spring-managed transaction of the caller: inside a {@code @Transactional}
 * method or a {@code TransactionTemplate}, on the transaction's connection of the application's
 * {@code DataSource}, whether JDBC, {@code JdbcClient}, {@code JdbcTemplate} or JPA/Hibernate
 * opened it. The events commit with the transaction, or roll back with it; publishers hear of
 * them at the commit, never before it and never after a rollback.
 *
 * <pre>{@code
 * @Transactional
 * public void place(Order order) {
 *   orders.save(order);
 *   outbox.append(Event.raise("Order", order.id(), "Order.placed", json, clock.instant()));
 * }
 * }</pre>
 *
 * <p>With no Spring-managed transaction active, an append is refused with a {@link
 * io.messagedriven.application.port.NoTransactionException} and nothing is written, unless
 * {@code message-driven.outside-transaction=own-transaction}, which commits it on its own.
 * The starter creates the bean; inject it.
 */
public final class TransactionalOutbox {
  private final SpringTransactions transactions;

  TransactionalOutbox(SpringTransactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * Appends {@code events} in the current transaction. Events of several tenants may be mixed;
   * each is written scoped to its own tenant.
   *
   * @throws io.messagedriven.application.port.NoTransactionException if no Spring-managed
   *     transaction is active (and the property does not allow an own transaction): nothing is written
   * @throws io.messagedriven.domain.UnknownTenantException if an event's tenant does not exist
   * @throws io.messagedriven.domain.DuplicateEventException if an event with that id was appended before
   * @throws io.messagedriven.application.port.StoreException if the database fails
   */
  public void append(Collection<Event> events) {
    transactions.append(events);
  }

  /** Appends one event in the current transaction; see {@link #append(Collection)}. */
  public void append(Event event) {
    append(List.of(event));
  }

  /**
   * The transaction boundary of the use cases, joined to the current Spring-managed transaction:
   * {@code new CreateTenant(outbox.transactions(), clock)} runs inside the caller's
   * {@code @Transactional}. Each piece of work runs under a savepoint, scoped to its tenant;
   * outside a transaction it is refused as {@link #append} is.
   */
  public Transactions transactions() {
    return transactions;
  }
}
