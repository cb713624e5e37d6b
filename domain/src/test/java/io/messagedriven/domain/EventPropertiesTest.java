package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.WellFormedJson;
import io.messagedriven.domain.testing.ForAll;
import io.messagedriven.domain.testing.Inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Properties of {@link Event}'s payload and time: whatever is given, a storable event or a typed refusal. */
class EventPropertiesTest {
  private static final String JSON_LIKE = "{}[]:,\"\\ 01-.etrufalsn\u0000\ud800\udc00";
  private static final List<String> PAYLOADS = List.of("{}", "[]", "0", "\"\"", " ", "{", "\u0000", "\"\\u0000\"",
      "\"\ud800\"", "\"\\ud800\"", "\"\\ud800\\udc00\"", "\"\ud800\udc00\"", "{\"a\":1}", "{\"a\":1,}");

  @Test
  void anyPayloadIsKeptVerbatimOrRefusedNamingThePayload() {
    ForAll.check(PAYLOADS, 3000,
        inputs -> inputs.between(0, 1) == 0 ? inputs.anyString(60) : inputs.string(JSON_LIKE, 0, 30), payload -> {
          Event event;
          try {
            event = new Event(EventId.random(), TenantId.DEFAULT, "Order", "o-1", "Order.placed", payload, Map.of(),
                Instant.EPOCH);
          } catch (InvalidValueException refused) {
            assertThat(refused.field()).isEqualTo("payload");
            return;
          }
          assertThat(event.payload()).isEqualTo(payload);
          assertThat(payload).doesNotContain("\u0000", "\\u0000");
          assertThat(Check.hasUnpairedSurrogate(payload)).isFalse();
          assertThat(WellFormedJson.problem(payload)).isEmpty();
        });
  }

  @Test
  void anyInstantIsKeptToTheMicrosecondOrRefusedNamingOccurredAt() {
    List<Instant> edgeCases = List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Event.EARLIEST, Event.LATEST,
        Event.EARLIEST.minusNanos(1), Event.LATEST.plusNanos(999), Event.LATEST.plusNanos(1000));
    ForAll.check(edgeCases, 3000, EventPropertiesTest::anyInstant, instant -> {
      Event event;
      try {
        event = Event.raise("Order", "o-1", "Order.placed", "{}", instant);
      } catch (InvalidValueException refused) {
        assertThat(refused.field()).isEqualTo("occurredAt");
        assertThat(instant.isBefore(Event.EARLIEST) || instant.isAfter(Event.LATEST.plusNanos(999))).isTrue();
        return;
      }
      assertThat(event.occurredAt()).isBetween(Event.EARLIEST, Event.LATEST)
          .isEqualTo(instant.minusNanos(instant.getNano() % 1000));
    });
  }

  /** Seconds anywhere in Java's range, or near the accepted range's ends, with any nanoseconds. */
  private static Instant anyInstant(Inputs inputs) {
    long seconds = switch (inputs.between(0, 2)) {
      case 0 -> Math.min(Instant.MAX.getEpochSecond(), Instant.MIN.getEpochSecond()
          + (long) (inputs.between(0, 1_000_000) / 1e6 * (Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond())));
      case 1 -> Event.EARLIEST.getEpochSecond() + inputs.between(-2, 2);
      default -> Event.LATEST.getEpochSecond() + inputs.between(-2, 2);
    };
    return Instant.ofEpochSecond(seconds, inputs.between(0, 999_999_999));
  }
}
