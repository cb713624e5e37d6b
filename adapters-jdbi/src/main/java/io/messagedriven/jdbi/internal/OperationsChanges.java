package io.messagedriven.jdbi.internal;

import io.messagedriven.application.operations.port.Batch;
import io.messagedriven.application.operations.port.EventFilter;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The changes of {@link JdbiOperations}, each inside the caller's transaction: the aggregates'
 * unfinished events are locked first (as {@link EventDao#requeue} does), so a concurrent claim
 * cannot put one in flight between the check and the change.
 */
final class OperationsChanges {
  private OperationsChanges() {}

  /** A change of the events {@code ids}, returning how many it changed. */
  @FunctionalInterface
  interface Change {
    int apply(Handle handle, UUID[] ids);
  }

  static Batch requeue(Handle h, UUID[] ids) {
    h.attach(EventDao.class).lockAggregatesOf(ids);
    int matched = h.createQuery("select count(*) from <schema>.events where id = any (:ids) and status = 'FAILED'")
        .bind("ids", ids).mapTo(Integer.class).one();
    return new Batch(matched, requeueUnlessInFlight(h, ids), 0);
  }

  static Batch delete(Handle h, UUID[] ids) {
    h.attach(EventDao.class).lockAggregatesOf(ids);
    int matched = h.createQuery("select count(*) from <schema>.events where id = any (:ids)")
        .bind("ids", ids).mapTo(Integer.class).one();
    return new Batch(matched, deleteUnlessInFlight(h, ids), 0);
  }

  /** Locks again what a caller may have locked already: a lock held twice in one transaction costs nothing more. */
  static int requeueUnlessInFlight(Handle h, UUID[] ids) {
    EventDao dao = h.attach(EventDao.class);
    dao.lockAggregatesOf(ids);
    int changed = dao.requeueUnlessAggregateInFlight(ids);
    wakePublishers(h, changed);
    return changed;
  }

  static int deleteUnlessInFlight(Handle h, UUID[] ids) {
    h.attach(EventDao.class).lockAggregatesOf(ids);
    return h.createUpdate("""
        delete from <schema>.events e
        where e.id = any (:ids) and e.status <> 'IN_FLIGHT'
          and not exists (
            select 1 from <schema>.events o
            where o.tenant_id = e.tenant_id and o.aggregate_type = e.aggregate_type
              and o.aggregate_id = e.aggregate_id and o.published_at is null and o.status = 'IN_FLIGHT')
        """).bind("ids", ids).execute();
  }

  /** One batch: the next {@code limit} events of {@code filter} after {@code afterPosition}, oldest first, changed. */
  static Batch inBatch(Handle h, EventFilter filter, long afterPosition, int limit, Change change) {
    EventFilterSql where = new EventFilterSql(filter);
    String sql = "select e.id, e.position from <schema>.events e where " + where.where()
        + " and e.position > :after order by e.position limit :limit";
    List<Object[]> rows = where.bind(h.createQuery(sql)).bind("after", afterPosition).bind("limit", limit)
        .map((rs, ctx) -> new Object[] {rs.getObject("id", UUID.class), rs.getLong("position")}).list();
    if (rows.isEmpty()) {
      return new Batch(0, 0, afterPosition);
    }
    UUID[] ids = rows.stream().map(row -> (UUID) row[0]).toArray(UUID[]::new);
    long last = (Long) rows.get(rows.size() - 1)[1];
    return new Batch(ids.length, change.apply(h, ids), last);
  }

  /** Requeued or resumed events are due at once: wake idle publishers at commit, as an append does. */
  static void wakePublishers(Handle h, int changed) {
    if (changed > 0) {
      h.execute("select pg_catalog.pg_notify('message_driven_events', '')");
    }
  }
}
