package io.messagedriven.application.operations;

import io.messagedriven.application.internal.Args;
import io.messagedriven.application.operations.port.Batch;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.InvalidValueException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * How {@link Operations} runs a bulk change: bounded batches, each starting where the last one
 * ended, until one comes back short or the bound is reached; and ids made distinct and counted.
 */
final class Batches {
  /** Events per batch: each batch is one short transaction. */
  static final int SIZE = 1_000;

  private Batches() {}

  @FunctionalInterface
  interface BatchStep {
    Batch run(long afterPosition, int limit);
  }

  static BulkResult run(int max, BatchStep step) {
    long after = 0;
    long looked = 0;
    long changed = 0;
    long refused = 0;
    while (looked < max) {
      int limit = (int) Math.min(SIZE, max - looked);
      Batch batch = step.run(after, limit);
      looked += batch.matched();
      changed += batch.changed();
      refused += batch.refused();
      if (batch.matched() < limit) {
        return new BulkResult(changed, refused, false);
      }
      after = batch.lastPosition();
    }
    return new BulkResult(changed, refused, true);
  }

  static Collection<EventId> distinct(Collection<EventId> ids) {
    Args.required("ids", ids);
    LinkedHashSet<EventId> distinct = new LinkedHashSet<>();
    for (EventId id : ids) {
      distinct.add(Args.required("eventId", id));
    }
    if (distinct.isEmpty() || distinct.size() > Operations.MAX_IDS) {
      throw new InvalidValueException("ids", distinct.size() + " ids", "give 1 to " + Operations.MAX_IDS);
    }
    return List.copyOf(distinct);
  }

  static BulkResult ofIds(Collection<EventId> ids, Batch batch) {
    return new BulkResult(batch.changed(), ids.size() - batch.changed(), false);
  }

}
