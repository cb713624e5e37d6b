package io.messagedriven.application.port;

import io.messagedriven.domain.TenantId;
import java.util.List;

/** The events of an aggregate with their status, as seen from inside one transaction. */
public interface EventHistory {

  /**
   * Up to {@code limit} events of one aggregate of {@code tenant}, in write order, starting after
   * {@code afterPosition} (0 for the first).
   */
  List<EventRecord> of(TenantId tenant, String aggregateType, String aggregateId, long afterPosition, int limit);
}
