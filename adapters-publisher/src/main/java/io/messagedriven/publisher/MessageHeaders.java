package io.messagedriven.publisher;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
 *   <tr><td>{@value #OCCURRED_AT}</td><td>ISO-8601 in UTC with exactly six fractional digits,
 *       such as {@code 2024-05-01T10:15:30.123000Z}</td></tr>
 *   <tr><td>{@value #SEQUENCE}</td><td>the event's place in the outbox's write order, a decimal
 *       number that grows along each aggregate's events (with gaps): keep the highest seen per
 *       aggregate and drop a message with a lower one, a stale redelivery. Absent only for an
 *       event a handler got from somewhere other than the outbox.</td></tr>
 *   <tr><td>the event's own headers</td><td>such as {@code correlation-id} and {@code causation-id}</td></tr>
 * </table>
 *
 * <p>The standard headers come first and win over an event header of the same name, compared
 * ignoring case. {@link #of(Event, Transport, CloudEvents)} gives them as one {@link Transport}
 * carries them: with {@value #CONTENT_TYPE} where the transport has no property of its own for
 * it, optionally with {@link CloudEvents} attributes, and with values {@linkplain #encodeValue
 * encoded} where the transport carries printable ASCII only.
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
  /** When the event occurred, in the shape of {@link #timestamp(Instant)}. */
  public static final String OCCURRED_AT = "occurred-at";
  /** The event's {@linkplain Event#SEQUENCE sequence} in the outbox's write order. */
  public static final String SEQUENCE = Event.SEQUENCE;
  /** The media type of the body, where the transport carries it as a header. */
  public static final String CONTENT_TYPE = "content-type";
  /** The media type of every body: the event's payload is JSON. */
  public static final String JSON = "application/json";
  /** What starts a value encoded by {@link #encodeValue}: RFC 8187's charset and empty language. */
  public static final String ENCODED_PREFIX = "UTF-8''";

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /**
   * How one kind of transport carries the headers of a message: their values, the content type,
   * the prefix of CloudEvents attributes, and the names it keeps for itself.
   */
  public enum Transport {
    /**
     * Kafka record headers: values as UTF-8 bytes, as they are; {@code content-type} header;
     * CloudEvents attributes as {@code ce_<name>}.
     */
    KAFKA("ce_", false, true, false, Set.of(), Set.of()),
    /**
     * AMQP 0-9-1 (RabbitMQ) headers: values as UTF-8 strings, as they are; the content type is the
     * message's own property, not a header; CloudEvents attributes as {@code cloudEvents:<name>}.
     */
    AMQP("cloudEvents:", false, false, false, Set.of(), Set.of()),
    /**
     * NATS headers: printable ASCII only, so values are {@linkplain MessageHeaders#encodeValue
     * encoded}; {@code content-type} header; CloudEvents attributes as {@code ce-<name>}, {@code
     * ce-datacontenttype} included, percent-encoded as the binding says. Names starting with
     * {@code Nats-} are the server's: an event header so named fails the event for good.
     */
    NATS("ce-", true, true, true, Set.of(), Set.of("nats-")),
    /**
     * HTTP request headers: printable ASCII only, so values are {@linkplain
     * MessageHeaders#encodeValue encoded}; {@code Content-Type} header; CloudEvents attributes as {@code ce-<name>},
     * percent-encoded as the binding says. {@code Host}, {@code Content-Length}, {@code Expect},
     * the hop-by-hop headers ({@code Connection}, {@code Keep-Alive}, {@code Proxy-Connection},
     * {@code TE}, {@code Trailer}, {@code Transfer-Encoding}, {@code Upgrade}) and names starting
     * with {@code webhook-} (Standard Webhooks) are the sender's: an event header so named fails
     * the event for good.
     */
    HTTP("ce-", true, true, false, Set.of("host", "content-length", "expect", "connection", "keep-alive",
        "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"), Set.of("webhook-"));

    private final String cloudEventsPrefix;
    private final boolean asciiOnly;
    private final boolean contentTypeHeader;
    private final boolean dataContentTypeAttribute;
    private final Set<String> reservedNames;
    private final Set<String> reservedPrefixes;

    Transport(String cloudEventsPrefix, boolean asciiOnly, boolean contentTypeHeader, boolean dataContentTypeAttribute,
        Set<String> reservedNames, Set<String> reservedPrefixes) {
      this.cloudEventsPrefix = cloudEventsPrefix;
      this.asciiOnly = asciiOnly;
      this.contentTypeHeader = contentTypeHeader;
      this.dataContentTypeAttribute = dataContentTypeAttribute;
      this.reservedNames = reservedNames;
      this.reservedPrefixes = reservedPrefixes;
    }

    /**
     * Whether {@code name} is a header this transport or its sender sets itself, so an event
     * header may not use it: with CloudEvents on, that includes the attribute prefix.
     */
    public boolean reserves(String name, CloudEvents cloudEvents) {
      String lower = name.toLowerCase(Locale.ROOT);
      return reservedNames.contains(lower)
          || reservedPrefixes.stream().anyMatch(lower::startsWith)
          || cloudEvents.enabled() && lower.startsWith(cloudEventsPrefix.toLowerCase(Locale.ROOT));
    }

    private String value(String value) {
      return asciiOnly ? HeaderValues.encode(value) : value;
    }

    private String attribute(String value) {
      return asciiOnly ? HeaderValues.cloudEvents(value) : value;
    }
  }

  private MessageHeaders() {}

  /**
   * The headers of {@code event}'s message, standard ones first, in a stable order, with their
   * values as they are (UTF-8): what an adapter of your own sends where any text fits.
   */
  public static Map<String, String> of(Event event) {
    Map<String, String> headers = standard(event);
    event.headers().forEach((name, value) -> {
      if (!containsIgnoringCase(headers, name)) {
        headers.put(name, value);
      }
    });
    return Collections.unmodifiableMap(headers);
  }

  /**
   * The headers of {@code event}'s message as {@code transport} carries them: the standard ones
   * and {@value #CONTENT_TYPE} (where the transport has it as a header), then the CloudEvents
   * attributes if {@code cloudEvents} is on, then the event's own headers, each value encoded as
   * the transport needs.
   *
   * @throws NonRetryableException if an event header uses a name the transport {@linkplain
   *     Transport#reserves reserves}, or the CloudEvents source is not a URI reference
   */
  public static Map<String, String> of(Event event, Transport transport, CloudEvents cloudEvents) {
    Map<String, String> headers = new LinkedHashMap<>();
    standard(event).forEach((name, value) -> headers.put(name, transport.value(value)));
    if (transport.contentTypeHeader) {
      headers.put(CONTENT_TYPE, JSON);
    }
    if (cloudEvents.enabled()) {
      cloudEvents.attributes(event).forEach((name, value) ->
          headers.put(transport.cloudEventsPrefix + name, transport.attribute(value)));
      if (transport.dataContentTypeAttribute) {
        headers.put(transport.cloudEventsPrefix + "datacontenttype", JSON);
      }
    }
    event.headers().forEach((name, value) -> {
      if (transport.reserves(name, cloudEvents)) {
        throw new NonRetryableException("event " + event.id() + " has a header named " + name
            + ", which " + transport + " keeps for itself; rename the header");
      }
      if (!containsIgnoringCase(headers, name)) {
        headers.put(name, transport.value(value));
      }
    });
    return Collections.unmodifiableMap(headers);
  }

  /** {@code instant} as every target writes it: ISO-8601 in UTC with six fractional digits. */
  public static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  /**
   * A header value as transports that carry printable ASCII only (NATS, HTTP) send it. A value
   * of printable ASCII without a space at either end goes as it is; any other becomes {@value
   * #ENCODED_PREFIX} and its UTF-8 bytes percent-encoded as RFC 8187 does ({@code José} becomes
   * {@code UTF-8''Jos%C3%A9}). A value that itself starts with the marker is encoded too, so
   * {@link #decodeValue} always gives back the original.
   *
   * @throws IllegalArgumentException if {@code value} holds an unpaired surrogate (it is not text)
   */
  public static String encodeValue(String value) {
    return HeaderValues.encode(value);
  }

  /**
   * The original of a value {@link #encodeValue} wrote: a value starting with {@value
   * #ENCODED_PREFIX} (ignoring case) is percent-decoded as UTF-8, any other is returned as it is.
   *
   * @throws IllegalArgumentException if an encoded value has a bad escape or is not UTF-8
   */
  public static String decodeValue(String value) {
    return HeaderValues.decode(value);
  }

  private static Map<String, String> standard(Event event) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(EVENT_ID, event.id().toString());
    headers.put(TENANT_ID, event.tenantId().toString());
    headers.put(AGGREGATE_TYPE, event.aggregateType());
    headers.put(AGGREGATE_ID, event.aggregateId());
    headers.put(EVENT_NAME, event.name());
    headers.put(OCCURRED_AT, timestamp(event.occurredAt()));
    event.sequence().ifPresent(sequence -> headers.put(SEQUENCE, Long.toString(sequence)));
    return headers;
  }

  private static boolean containsIgnoringCase(Map<String, String> headers, String name) {
    return headers.keySet().stream().anyMatch(name::equalsIgnoreCase);
  }
}
