package io.messagedriven.application.port;

/**
 * The ports bound to one open transaction. Everything written through them commits or rolls
 * back together; this is how an aggregate and its events are written atomically.
 *
 * <p>Repositories of your own join the same transaction through the adapter that opened it (for
 * PostgreSQL, {@code PostgresStore.handle(unitOfWork)} or {@code PostgresStore.connection(unitOfWork)}).
 */
public interface UnitOfWork {

  /** The tenant directory, read and written in this transaction. */
  TenantRepository tenants();

  /** The outbox, writing in this transaction. */
  OutboxPort outbox();

  /** The events already written, with their status, read in this transaction. */
  EventHistory history();
}
