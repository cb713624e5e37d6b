package io.messagedriven.publisher;

import io.messagedriven.domain.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every target adapter puts on the message of an event, under the same names on
 * RabbitMQ, Kafka, NATS and webhooks, so a consumer reads them one way whatever the transport.
 *
 * <table>
 *   <caption>Headers of a published event</caption>
 *   <tr><th>header</th><th>value</th></tr>
 *   <tr><td>{@value #EVENT_ID}</td><td>the event id (a UUID); deduplicate on it</td></tr>
 *   <tr><td>{@value #TENANT_ID}</td><td>the tenant id (a UUID)</td></tr>
 *   <tr><td>{@value #AGGREGATE_TYPE}</td><td>such as {@code User}</td></tr>
 *   <tr><td>{@value #AGGREGATE_ID}</td><td>the aggregate's id</td></tr>
 *   <tr><td>{@value #EVENT_NAME}</td><td>such as {@code User.created}</td></tr>
 *   <tr><td>{@value #OCCURRED_AT}</td><td>ISO-8601 instant, such as {@code 2024-05-01T10:15:30.123Z}</td></tr>
 *   <tr><td>the event's own headers</td><td>such as {@code correlation-id} and {@code causation-id}</td></tr>
 * </table>
 *
 * <p>The six standard headers come first and win over an event header of the same name.
 */
public final class MessageHeaders {
  /** The event id; also the broker's message id where it has one. */
  public static final String EVENT_ID = "event-id";
  /** The tenant id. */
  public static final String TENANT_ID = "tenant-id";
  /** The aggregate type. */
  public static final String AGGREGATE_TYPE = "aggregate-type";
  /** The aggregate id. */
  public static final String AGGREGATE_ID = "aggregate-id";
  /** The event name. */
  public static final String EVENT_NAME = "event-name";
  /** When the event occurred, ISO-8601. */
  public static final String OCCURRED_AT = "occurred-at";

  private MessageHeaders() {}

  /** The headers of {@code event}'s message, standard ones first, in a stable order. */
  public static Map<String, String> of(Event event) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT_ID, event.id().toString());
    headers.put(TENANT_ID, event.tenantId().toString());
    headers.put(AGGREGATE_TYPE, event.aggregateType());
    headers.put(AGGREGATE_ID, event.aggregateId());
    headers.put(EVENT_NAME, event.name());
    headers.put(OCCURRED_AT, event.occurredAt().toString());
    event.headers().forEach(headers::putIfAbsent);
    return Collections.unmodifiableMap(headers);
  }
}
