package io.messagedriven.publisher;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.publisher.MessageHeaders.Transport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MessageHeadersTest {
  private static final TenantId TENANT = new TenantId(UUID.fromString("0b6f5c1e-0000-4000-8000-000000000001"));

  private final Event event = Event.raise(TENANT, "User", "u-1", "User.created",
      "{}", Instant.parse("2024-05-01T10:15:30.123Z")).withHeader(Event.CORRELATION_ID, "c-1");
  private final Event unicode = Event.raise(TENANT, "User", "José", "User.created",
      "{}", Instant.parse("2024-05-01T10:15:30Z")).withHeader("note", "Straße 😀");

  @Test
  void standardHeadersComeFirstThenTheEventsOwn() {
    assertThat(MessageHeaders.of(event)).containsExactly(
        entry("event-id", event.id().toString()),
        entry("tenant-id", event.tenantId().toString()),
        entry("aggregate-type", "User"),
        entry("aggregate-id", "u-1"),
        entry("event-name", "User.created"),
        entry("occurred-at", "2024-05-01T10:15:30.123000Z"),
        entry("correlation-id", "c-1"));
  }

  @Test
  void theOutboxsSequenceIsAStandardHeaderOnEveryTransport() {
    Event handedOut = event.withSequence(41);

    Map<String, String> headers = MessageHeaders.of(handedOut);
    assertThat(headers).containsEntry("aggregate-sequence", "41");
    assertThat(List.copyOf(headers.keySet())).containsSequence("occurred-at", "aggregate-sequence", "correlation-id");
    for (Transport transport : Transport.values()) {
      assertThat(MessageHeaders.of(handedOut, transport, CloudEvents.off())).containsEntry("aggregate-sequence", "41");
    }
  }

  @Test
  void anEventHeaderCannotOverrideAStandardOneWhateverItsCase() {
    Event forged = event.withHeader("event-id", "forged").withHeader("Aggregate-Id", "forged");
    assertThat(MessageHeaders.of(forged))
        .containsEntry(MessageHeaders.EVENT_ID, event.id().toString())
        .containsEntry(MessageHeaders.AGGREGATE_ID, "u-1")
        .doesNotContainKey("Aggregate-Id");
    for (Transport transport : Transport.values()) {
      assertThat(MessageHeaders.of(forged, transport, CloudEvents.off()))
          .containsEntry(MessageHeaders.EVENT_ID, event.id().toString())
          .doesNotContainKey("Aggregate-Id");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "2024-05-01T10:15:30Z, 2024-05-01T10:15:30.000000Z",
      "2024-05-01T10:15:30.1Z, 2024-05-01T10:15:30.100000Z",
      "2024-05-01T10:15:30.123Z, 2024-05-01T10:15:30.123000Z",
      "2024-05-01T10:15:30.123456Z, 2024-05-01T10:15:30.123456Z",
      "1999-12-31T23:59:59.000001Z, 1999-12-31T23:59:59.000001Z"})
  void occurredAtHasSixFractionalDigitsWhateverTheInstant(String instant, String written) {
    assertThat(MessageHeaders.timestamp(Instant.parse(instant))).isEqualTo(written);
  }

  @Test
  void kafkaAndAmqpCarryUtf8AsItIs() {
    assertThat(MessageHeaders.of(unicode, Transport.KAFKA, CloudEvents.off()))
        .containsEntry("aggregate-id", "José").containsEntry("note", "Straße 😀")
        .containsEntry("content-type", "application/json");
    assertThat(MessageHeaders.of(unicode, Transport.AMQP, CloudEvents.off()))
        .containsEntry("aggregate-id", "José").containsEntry("note", "Straße 😀")
        .doesNotContainKey("content-type");
  }

  @ParameterizedTest
  @EnumSource(value = Transport.class, names = {"NATS", "HTTP"})
  void asciiOnlyTransportsEncodeWhatIsNotPrintableAscii(Transport transport) {
    Map<String, String> headers = MessageHeaders.of(unicode, transport, CloudEvents.off());
    assertThat(headers)
        .containsEntry("aggregate-id", "UTF-8''Jos%C3%A9")
        .containsEntry("note", "UTF-8''Stra%C3%9Fe%20%F0%9F%98%80")
        .containsEntry("event-name", "User.created")
        .containsEntry("content-type", "application/json");
    assertThat(headers.values()).allSatisfy(value -> assertThat(value).matches("[\\x20-\\x7e]*"));
  }

  @Test
  void cloudEventsAttributesTakeEachBindingsPrefixAndEncoding() {
    CloudEvents on = CloudEvents.binaryMode();
    String source = "/tenants/" + TENANT + "/User";
    assertThat(MessageHeaders.of(unicode, Transport.KAFKA, on)).contains(
        entry("ce_id", unicode.id().toString()), entry("ce_source", source), entry("ce_specversion", "1.0"),
        entry("ce_type", "User.created"), entry("ce_subject", "José"), entry("ce_time", "2024-05-01T10:15:30.000000Z"))
        .doesNotContainKey("ce_datacontenttype");
    assertThat(MessageHeaders.of(unicode, Transport.AMQP, on))
        .containsEntry("cloudEvents:subject", "José").containsEntry("cloudEvents:source", source)
        .doesNotContainKey("cloudEvents:datacontenttype");
    assertThat(MessageHeaders.of(unicode, Transport.HTTP, on))
        .containsEntry("ce-subject", "Jos%C3%A9").containsEntry("ce-type", "User.created")
        .doesNotContainKey("ce-datacontenttype");
    assertThat(MessageHeaders.of(unicode, Transport.NATS, on))
        .containsEntry("ce-subject", "Jos%C3%A9").containsEntry("ce-datacontenttype", "application/json");
  }

  @Test
  void cloudEventsSourceIsConfigurableAndMustBeAUriReference() {
    CloudEvents custom = CloudEvents.binaryMode().source(e -> "urn:crm:" + e.aggregateType());
    assertThat(MessageHeaders.of(event, Transport.KAFKA, custom)).containsEntry("ce_source", "urn:crm:User");
    assertThatThrownBy(() -> MessageHeaders.of(event, Transport.KAFKA, CloudEvents.binaryMode().source(e -> "not a uri")))
        .isInstanceOf(NonRetryableException.class).hasMessageContaining("not a uri");
    assertThatThrownBy(() -> CloudEvents.binaryMode().source(null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(MessageHeaders.of(event, Transport.KAFKA, CloudEvents.off())).doesNotContainKey("ce_id");
  }

  @Test
  void headersATransportKeepsForItselfFailTheEventForGood() {
    assertThatThrownBy(() -> MessageHeaders.of(event.withHeader("Nats-Rollup", "all"), Transport.NATS, CloudEvents.off()))
        .isInstanceOf(NonRetryableException.class).hasMessageContaining("Nats-Rollup").hasMessageContaining("NATS");
    assertThatThrownBy(() -> MessageHeaders.of(event.withHeader("webhook-signature", "v1,x"), Transport.HTTP, CloudEvents.off()))
        .isInstanceOf(NonRetryableException.class).hasMessageContaining("webhook-signature");
    for (String framing : new String[] {"Host", "Transfer-Encoding", "Content-Length", "Connection"}) {
      assertThatThrownBy(() -> MessageHeaders.of(event.withHeader(framing, "x"), Transport.HTTP, CloudEvents.off()))
          .isInstanceOf(NonRetryableException.class).hasMessageContaining(framing);
    }
    assertThatThrownBy(() -> MessageHeaders.of(event.withHeader("ce_type", "x"), Transport.KAFKA, CloudEvents.binaryMode()))
        .isInstanceOf(NonRetryableException.class).hasMessageContaining("ce_type");
    assertThat(MessageHeaders.of(event.withHeader("ce_type", "x"), Transport.KAFKA, CloudEvents.off()))
        .containsEntry("ce_type", "x");
    assertThat(MessageHeaders.of(event.withHeader("Nats-Rollup", "all"), Transport.KAFKA, CloudEvents.off()))
        .containsEntry("Nats-Rollup", "all");
  }
}
