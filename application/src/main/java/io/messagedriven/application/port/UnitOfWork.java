package io.messagedriven.application.port;

/**
 * The ports bound to one open transaction. Everything written through them commits or rolls
 * back together; this is how an aggregate and its events are written atomically.
 */
public interface UnitOfWork {

  TenantRepository tenants();

  UserRepository users();

  /** The outbox, writing in this transaction. */
  OutboxPort outbox();

  /** The events already written, with their status, read in this transaction. */
  EventHistory history();
}
