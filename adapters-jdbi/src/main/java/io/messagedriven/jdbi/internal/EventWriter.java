package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.CrossTenantWriteException;
import io.messagedriven.domain.DuplicateEventException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Appends events in plain JDBC on a transaction's own connection: the hot path of every write.
 * Binding it through Jdbi's statement machinery cost more CPU than PostgreSQL spent running it.
 */
final class EventWriter {
  private final String insert;
  private final String schema;
  private final String table;

  EventWriter(String schema) {
    this.schema = schema;
    this.table = schema + ".events";
    this.insert = "insert into " + schema + ".events "
        + "(id, tenant_id, aggregate_type, aggregate_id, name, payload, headers, occurred_at) "
        + "values (?, ?, ?, ?, ?, cast(? as json), cast(? as json), ?)";
  }

  /** The outbox's schema, as SQL names it. */
  String schema() {
    return schema;
  }

  /** The outbox table's name, qualified by its schema, as SQL names it. */
  String table() {
    return table;
  }

  /**
   * Inserts the events in the connection's open transaction.
   *
   * @throws UnknownTenantException if an event's tenant does not exist
   * @throws DuplicateEventException if the outbox holds an event with the same id
   * @throws CrossTenantWriteException if the transaction is scoped to another tenant
   * @throws StoreException if the database failed
   */
  void insert(Connection connection, Collection<Event> events) {
    try {
      insertRows(connection, events);
    } catch (SQLException e) {
      throw refusal(e, events);
    }
  }

  private static RuntimeException refusal(SQLException e, Collection<Event> events) {
    if (ConstraintViolation.foreignKey(e).filter("events_tenant_id_fkey"::equals).isPresent()) {
      return new UnknownTenantException(ConstraintViolation.keyValue(e, "tenant_id").map(TenantId::parse)
          .orElse(events.iterator().next().tenantId()));
    }
    if (ConstraintViolation.unique(e).filter("events_pkey"::equals).isPresent()) {
      return new DuplicateEventException(ConstraintViolation.keyValue(e, "id").map(EventId::parse)
          .orElse(events.iterator().next().id()));
    }
    if (ConstraintViolation.rowLevelSecurity(e)) {
      return new CrossTenantWriteException("cannot append events of tenant(s) "
          + events.stream().map(Event::tenantId).distinct().toList() + " in a transaction scoped to another tenant");
    }
    return StoreFailures.translate("cannot append " + events.size() + " event(s)", e);
  }

  private void insertRows(Connection connection, Collection<Event> events) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(insert)) {
      for (Event event : events) {
        statement.setObject(1, event.id().value());
        statement.setObject(2, event.tenantId().value());
        statement.setString(3, event.aggregateType());
        statement.setString(4, event.aggregateId());
        statement.setString(5, event.name());
        statement.setString(6, event.payload());
        statement.setString(7, Headers.toJson(event.headers()));
        statement.setObject(8, event.occurredAt().atOffset(ZoneOffset.UTC));
        if (events.size() == 1) {
          statement.executeUpdate();
          return;
        }
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }
}
