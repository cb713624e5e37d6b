package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.WellFormedJson;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Something that happened to an aggregate, recorded in the same transaction as the change it
 * describes and published later, at least once.
 *
 * @param id unique id; also the message id consumers deduplicate on
 * @param tenantId the tenant the event belongs to
 * @param aggregateType the kind of aggregate, such as {@code User}
 * @param aggregateId the aggregate's id; events of one aggregate are published in write order
 * @param name {@code Aggregate.verb} in the past tense, such as {@code User.created}; it starts
 *     with the aggregate type
 * @param payload one well-formed JSON value (RFC 8259; usually an object), at most 1 MiB in UTF-8,
 *     nested at most 512 levels deep, with no NUL character and no unpaired surrogate, raw or
 *     escaped ({@code \u0000}, a lone {@code \ud800}): PostgreSQL cannot store the first, and
 *     the second is not text
 * @param headers metadata such as {@link #CORRELATION_ID} and {@link #CAUSATION_ID}; at most 32
 *     entries, names of at most 100 and values of at most 1,000 characters ({@link #SEQUENCE},
 *     which the outbox sets, does not count towards the 32)
 * @param occurredAt when it happened, to the microsecond, in the years 1 to 9999 (UTC); see
 *     {@link #EARLIEST} and {@link #LATEST}
 * @throws InvalidValueException naming the field and what is wrong, when any of these is broken
 */
public record Event(
    EventId id,
    TenantId tenantId,
    String aggregateType,
    String aggregateId,
    String name,
    String payload,
    Map<String, String> headers,
    Instant occurredAt) {

  /** Header holding the id that ties together everything done for one request. */
  public static final String CORRELATION_ID = "correlation-id";
  /** Header holding the id of the message or command that caused this event. */
  public static final String CAUSATION_ID = "causation-id";

  /**
   * Header the outbox sets on every event it hands to a handler: the event's place in the
   * outbox's write order, a decimal number that grows with every event written (with gaps), so
   * it grows along each aggregate's events too. A consumer that keeps the highest it has seen per
   * aggregate can drop a stale redelivery (one with a lower number). Any value an appended event
   * gives it is replaced.
   */
  public static final String SEQUENCE = "aggregate-sequence";

  /** The earliest {@link #occurredAt} accepted: the start of year 1, UTC. */
  public static final Instant EARLIEST = Check.EARLIEST;
  /** The latest {@link #occurredAt} accepted: the last microsecond of year 9999, UTC. */
  public static final Instant LATEST = Check.LATEST;

  /** Largest payload, in bytes of its UTF-8 encoding (1 MiB). */
  public static final int MAX_PAYLOAD_LENGTH = 1 << 20;
  /** Most headers an event carries, besides {@link #SEQUENCE}. */
  public static final int MAX_HEADERS = 32;
  private static final Pattern AGGREGATE_TYPE = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");
  private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}\\.[a-z][A-Za-z0-9_]{0,99}");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  public Event {
    Check.notNull("eventId", id);
    Check.notNull("tenantId", tenantId);
    Check.notNull("aggregateType", aggregateType);
    if (!AGGREGATE_TYPE.matcher(aggregateType).matches()) {
      throw new InvalidValueException(
          "aggregateType", aggregateType, "use a capitalised word of letters and digits");
    }
    aggregateId = Check.text("aggregateId", aggregateId, 200);
    Check.notNull("event name", name);
    if (!NAME.matcher(name).matches()) {
      throw new InvalidValueException(
          "event name", name, "use Aggregate.verb in the past tense, such as User.created");
    }
    if (!name.startsWith(aggregateType + ".")) {
      throw new InvalidValueException(
          "event name", name, "it does not start with the aggregate type " + aggregateType);
    }
    Check.notNull("payload", payload);
    if (payload.isBlank()) {
      throw new InvalidValueException("payload", payload, "it is blank");
    }
    if (utf8LongerThan(payload, MAX_PAYLOAD_LENGTH)) {
      throw new InvalidValueException("payload", payload, "it is larger than 1 MiB");
    }
    validJson(payload);
    headers = validHeaders(headers);
    occurredAt = Check.instant("occurredAt", occurredAt);
  }

  /** A new event with a fresh id and no headers. */
  public static Event raise(
      TenantId tenantId,
      String aggregateType,
      String aggregateId,
      String name,
      String payload,
      Instant occurredAt) {
    return new Event(
        EventId.random(), tenantId, aggregateType, aggregateId, name, payload, Map.of(), occurredAt);
  }

  /**
   * A new event of the {@link TenantId#DEFAULT default tenant}, for services that have no
   * tenants of their own, with a fresh id and no headers.
   */
  public static Event raise(
      String aggregateType, String aggregateId, String name, String payload, Instant occurredAt) {
    return raise(TenantId.DEFAULT, aggregateType, aggregateId, name, payload, occurredAt);
  }

  /** This event with one more header, or a header replaced. */
  public Event withHeader(String header, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(header, value);
    return new Event(id, tenantId, aggregateType, aggregateId, name, payload, more, occurredAt);
  }

  /**
   * This event as the outbox hands it to a handler: with its {@link #SEQUENCE} header set to
   * {@code position}.
   */
  public Event withSequence(long position) {
    return withHeader(SEQUENCE, Long.toString(position));
  }

  /** The {@link #SEQUENCE} header's value, if the outbox set it. */
  public OptionalLong sequence() {
    String value = headers.get(SEQUENCE);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Whether {@code text} takes more than {@code maxBytes} in UTF-8, counted without encoding it. */
  private static boolean utf8LongerThan(String text, int maxBytes) {
    if (text.length() > maxBytes) {
      return true;
    }
    if ((long) text.length() * 3 <= maxBytes) {
      return false;
    }
    long bytes = 0;
    for (int i = 0; i < text.length() && bytes <= maxBytes; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes > maxBytes;
  }

  /** Refuses a payload that is not one storable JSON value; NUL and lone surrogates are named wherever they are. */
  private static void validJson(String payload) {
    int nul = payload.indexOf('\u0000');
    if (nul >= 0) {
      throw new InvalidValueException(
          "payload", payload, "it contains a NUL character (U+0000) at offset " + nul + ", which PostgreSQL cannot store");
    }
    if (Check.hasUnpairedSurrogate(payload)) {
      throw new InvalidValueException("payload", payload, "it contains an unpaired surrogate, which is not text");
    }
    WellFormedJson.problem(payload).ifPresent(problem -> {
      throw new InvalidValueException("payload", payload, problem);
    });
  }

  private static Map<String, String> validHeaders(Map<String, String> headers) {
    Check.notNull("headers", headers);
    if (headers.size() - (headers.containsKey(SEQUENCE) ? 1 : 0) > MAX_HEADERS) {
      throw new InvalidValueException("headers", headers.keySet(), "more than " + MAX_HEADERS + " headers");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    headers.forEach(
        (header, value) -> {
          if (header == null || !HEADER_NAME.matcher(header).matches()) {
            throw new InvalidValueException(
                "header name", header, "use letters, digits, '.', '_' and '-', at most 100");
          }
          copy.put(header, Check.text("header " + header, value, 1_000));
        });
    return java.util.Collections.unmodifiableMap(copy);
  }
}
