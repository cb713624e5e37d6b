package io.messagedriven.publisher;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Whether a target also presents each event as a <a href="https://cloudevents.io">CloudEvent</a>
 * (version 1.0) in binary content mode: the body stays the event's payload, and the context
 * attributes go in headers beside the {@link MessageHeaders}, named and encoded as each
 * protocol binding says ({@code ce_id} on Kafka, {@code cloudEvents:id} on AMQP, {@code ce-id}
 * on HTTP and NATS; see {@link MessageHeaders.Transport}).
 *
 * <table>
 *   <caption>CloudEvents attributes of an event</caption>
 *   <tr><th>attribute</th><th>value</th></tr>
 *   <tr><td>{@code id}</td><td>the event id</td></tr>
 *   <tr><td>{@code source}</td><td>{@link #source(Function)}, by default {@code /tenants/<tenant id>/<aggregate type>}</td></tr>
 *   <tr><td>{@code specversion}</td><td>{@value #SPEC_VERSION}</td></tr>
 *   <tr><td>{@code type}</td><td>the event name, such as {@code User.created}</td></tr>
 *   <tr><td>{@code subject}</td><td>the aggregate id</td></tr>
 *   <tr><td>{@code time}</td><td>when it occurred, RFC 3339 as {@link MessageHeaders#OCCURRED_AT}</td></tr>
 *   <tr><td>{@code datacontenttype}</td><td>{@code application/json}, in the transport's content type
 *       (a {@code ce-datacontenttype} header on NATS)</td></tr>
 * </table>
 *
 * <pre>{@code
 * KafkaHandler.builder().cloudEvents(CloudEvents.binaryMode().source(event -> "/crm/" + event.aggregateType()))
 * }</pre>
 */
public final class CloudEvents {
  /** The CloudEvents version the attributes follow. */
  public static final String SPEC_VERSION = "1.0";

  private static final CloudEvents OFF = new CloudEvents(false, CloudEvents::defaultSource);

  private final boolean enabled;
  private final Function<Event, String> source;

  private CloudEvents(boolean enabled, Function<Event, String> source) {
    this.enabled = enabled;
    this.source = source;
  }

  /** No CloudEvents attributes: the default of every target. */
  public static CloudEvents off() {
    return OFF;
  }

  /** CloudEvents attributes in binary content mode, with the {@link #defaultSource default source}. */
  public static CloudEvents binaryMode() {
    return new CloudEvents(true, CloudEvents::defaultSource);
  }

  /**
   * The same, with {@code source} giving each event's {@code source} attribute: a non-empty URI
   * reference (one that is not fails the event for good). Default: {@link #defaultSource}.
   *
   * @throws IllegalArgumentException if {@code source} is null
   */
  public CloudEvents source(Function<Event, String> source) {
    if (source == null) {
      throw new IllegalArgumentException("CloudEvents source is required, was null");
    }
    return new CloudEvents(enabled, source);
  }

  /** Whether the attributes are sent. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code /tenants/<tenant id>/<aggregate type>}, such as {@code /tenants/0b6f…/User}. */
  public static String defaultSource(Event event) {
    return "/tenants/" + event.tenantId() + "/" + event.aggregateType();
  }

  /**
   * The context attributes of {@code event} by attribute name, in the order of the table above
   * ({@code datacontenttype} excepted: the transport carries it), not yet encoded for a transport.
   *
   * @throws NonRetryableException if the source function gives no URI reference for it
   */
  public Map<String, String> attributes(Event event) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("id", event.id().toString());
    attributes.put("source", sourceOf(event));
    attributes.put("specversion", SPEC_VERSION);
    attributes.put("type", event.name());
    attributes.put("subject", event.aggregateId());
    attributes.put("time", MessageHeaders.timestamp(event.occurredAt()));
    return Collections.unmodifiableMap(attributes);
  }

  private String sourceOf(Event event) {
    String value = source.apply(event);
    try {
      if (value != null && !value.isBlank()) {
        new URI(value);
        return value;
      }
    } catch (URISyntaxException e) {
      // refused below
    }
    throw new NonRetryableException("CloudEvents source of event " + event.id() + " must be a URI reference, was " + value);
  }

  @Override
  public String toString() {
    return enabled ? "CloudEvents[binary mode]" : "CloudEvents[off]";
  }
}
