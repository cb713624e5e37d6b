package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.EventHistory;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.TenantRepository;
import io.messagedriven.application.port.UnitOfWork;
import io.messagedriven.application.port.UserRepository;
import org.jdbi.v3.core.Handle;

/** The repositories and the outbox on one handle, inside its open transaction. */
final class JdbiUnitOfWork implements UnitOfWork {
  private final Handle handle;
  private TenantRepository tenants;
  private UserRepository users;
  private OutboxPort outbox;
  private EventHistory history;

  JdbiUnitOfWork(Handle handle) {
    this.handle = handle;
  }

  @Override
  public TenantRepository tenants() {
    if (tenants == null) {
      tenants = new JdbiTenantRepository(handle.attach(TenantDao.class));
    }
    return tenants;
  }

  @Override
  public UserRepository users() {
    if (users == null) {
      users = new JdbiUserRepository(handle);
    }
    return users;
  }

  @Override
  public OutboxPort outbox() {
    if (outbox == null) {
      outbox = JdbiOutbox.inTransaction(handle);
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

  Handle handle() {
    return handle;
  }

  /** Whether this unit appended events (so its commit should wake publishers). */
  boolean appended() {
    return outbox != null && ((JdbiOutbox) outbox).appended();
  }
}
