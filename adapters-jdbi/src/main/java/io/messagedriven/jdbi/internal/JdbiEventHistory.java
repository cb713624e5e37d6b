package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.EventHistory;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.domain.TenantId;
import java.util.List;

/** An aggregate's events in the {@code events} table, within one transaction. */
final class JdbiEventHistory implements EventHistory {
  private final EventHistoryDao dao;

  JdbiEventHistory(EventHistoryDao dao) {
    this.dao = dao;
  }

  @Override
  public List<EventRecord> of(
      TenantId tenant, String aggregateType, String aggregateId, long afterPosition, int limit) {
    return dao.of(tenant.value(), aggregateType, aggregateId, afterPosition, limit);
  }
}
