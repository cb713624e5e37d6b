package io.messagedriven.application.events;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.internal.Args;
import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.internal.TenantReads;
import io.messagedriven.domain.UnknownTenantException;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.Transactions;
import io.messagedriven.domain.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * Reads what happened to an aggregate: its events in the order they were written, each with its
 * status in the outbox (pending, in flight, published or failed), attempts and last error.
 *
 * <p>Every call names its tenant and runs in a transaction scoped to it, so PostgreSQL's
 * row-level security shows that tenant's events only. A tenant that does not exist is an {@link
 * UnknownTenantException}; a missing or malformed argument is an {@link
 * io.messagedriven.domain.InvalidValueException} naming it.
 */
public final class EventQueries {
  private static final int MAX_AGGREGATE_TYPE = 100;
  private static final int MAX_AGGREGATE_ID = 200;

  private final Transactions transactions;

  public EventQueries(Transactions transactions) {
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /**
   * One page of the history of the aggregate {@code aggregateType}/{@code aggregateId} (such as
   * {@code User} and a user's id), oldest first. An aggregate without events has an empty
   * history.
   */
  public Page<EventRecord> history(TenantId tenant, String aggregateType, String aggregateId, PageRequest page) {
    Args.required("tenantId", tenant);
    String type = Args.text("aggregateType", aggregateType, MAX_AGGREGATE_TYPE);
    String id = Args.text("aggregateId", aggregateId, MAX_AGGREGATE_ID);
    Args.required("page", page);
    long after = page.cursor().map(Cursors::event).orElse(0L);
    List<EventRecord> found = TenantReads.read(transactions, tenant,
        tx -> tx.history().of(tenant, type, id, after, page.limit() + 1), List::isEmpty);
    if (found.size() <= page.limit()) {
      return new Page<>(found, null);
    }
    List<EventRecord> items = found.subList(0, page.limit());
    return new Page<>(items, Cursors.ofEvent(items.get(items.size() - 1).position()));
  }
}
