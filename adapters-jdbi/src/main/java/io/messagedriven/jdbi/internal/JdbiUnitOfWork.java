package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.EventHistory;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.TenantRepository;
import io.messagedriven.application.port.UnitOfWork;
import org.jdbi.v3.core.Handle;

/** The tenant directory, the outbox and the event history on one handle, inside its open transaction. */
final class JdbiUnitOfWork implements UnitOfWork {
  private final Handle handle;
  private final EventWriter writer;
  private TenantRepository tenants;
  private JdbiOutbox outbox;
  private EventHistory history;
  private boolean exposed;

  JdbiUnitOfWork(Handle handle, EventWriter writer) {
    this.handle = handle;
    this.writer = writer;
  }

  @Override
  public TenantRepository tenants() {
    if (tenants == null) {
      tenants = new JdbiTenantRepository(handle.attach(TenantDao.class));
    }
    return tenants;
  }

  @Override
  public OutboxPort outbox() {
    if (outbox == null) {
      outbox = JdbiOutbox.inTransaction(handle, writer);
    }
    return outbox;
  }

  @Override
  public EventHistory history() {
    if (history == null) {
      history = new JdbiEventHistory(handle.attach(EventHistoryDao.class));
    }
    return history;
  }

  /** The handle, for SQL of the application's own: its session is reset before the pool gets it back. */
  Handle exposedHandle() {
    exposed = true;
    return handle;
  }

  /** The handle, for the library's own statements, which leave nothing on the session. */
  Handle handle() {
    return handle;
  }

  /** Whether SQL of the application's ran on this unit's connection. */
  boolean exposed() {
    return exposed;
  }

  /** Whether this unit appended events (so its commit should wake publishers). */
  boolean appended() {
    return outbox != null && outbox.appended();
  }

  /** The ids of the events it appended, when few enough to claim by id (see {@link JdbiOutbox#appendedIds}). */
  java.util.List<io.messagedriven.domain.EventId> appendedIds() {
    return outbox == null ? java.util.List.of() : outbox.appendedIds();
  }
}
