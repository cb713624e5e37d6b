package io.messagedriven.publisher.nats;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PushSubscribeOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against this machine's NATS with JetStream on 127.0.0.1:4222; each test on a stream of its own. */
@RequiresServer(name = "NATS JetStream", port = 4222, howToRun = "nats-server -js -p 4222")
class NatsHandlerIT {
  private static final String URL = "nats://127.0.0.1:4222";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final String token = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  private final String stream = "MD_TEST_" + token;
  private final String prefix = "mdtest" + token + ".";
  private Connection nats;
  private JetStreamManagement streams;
  private OutboxFixture outbox;

  @BeforeEach
  void start() throws Exception {
    nats = Nats.connect(URL);
    streams = nats.jetStreamManagement();
    outbox = OutboxFixture.create();
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    try {
      streams.deleteStream(stream);
    } catch (JetStreamApiException ignored) {
      // the test made none
    }
    nats.close();
  }

  private NatsHandler handler(String url) {
    return builder(url).build();
  }

  private NatsHandler.Builder builder(String url) {
    return NatsHandler.builder().url(url).subjectPrefix(prefix).stream(stream)
        .connectionTimeout(Duration.ofSeconds(2)).ackTimeout(Duration.ofSeconds(5));
  }

  @Test
  void publishesEveryEventAcknowledgedWithItsIdsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    List<Event> events = outbox.append(10, 5);
    List<Message> received = publishAndConsume(events);
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Message message : received) {
      Event event = sent.get(message.getHeaders().getFirst("event-id"));
      assertThat(message.getSubject()).isEqualTo(prefix + event.name());
      assertThat(headers(message))
          .containsEntry("Nats-Msg-Id", event.id().toString())
          .containsEntry("content-type", "application/json")
          .containsEntry("occurred-at", MessageHeaders.timestamp(event.occurredAt()))
          .doesNotContainKey("ce-id");
      assertCarries(event, headers(message), new String(message.getData(), StandardCharsets.UTF_8));
    }
    assertAllInOrderPerAggregate(events, received.stream().map(m -> m.getHeaders().getFirst("event-id")).toList());
  }

  @Test
  void headerValuesBeyondAsciiArriveEncodedAndDecodeToExactlyTheOriginal() throws Exception {
    List<Event> events = outbox.appendUnicode();
    List<Message> received = publishAndConsume(events);
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Message message : received) {
      Event event = sent.get(message.getHeaders().getFirst("event-id"));
      Map<String, String> headers = headers(message);
      assertThat(headers.values()).allSatisfy(value -> assertThat(value).matches("[\\x20-\\x7e]*"));
      assertThat(headers).containsEntry("plain", "100% plain ASCII")
          .containsEntry("aggregate-id", MessageHeaders.encodeValue(event.aggregateId()));
      assertThat(message.getData()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
      assertCarries(event, OutboxFixture.decoded(headers), event.payload());
    }
    assertThat(received).anySatisfy(message ->
        assertThat(headers(message)).containsEntry("aggregate-id", "UTF-8''Jos%C3%A9"));
    assertAllInOrderPerAggregate(events, received.stream().map(m -> m.getHeaders().getFirst("event-id")).toList());
    assertThat(outbox.failures()).isEmpty();
  }

  @Test
  void aMessageOverTheServersMaxPayloadFailsForGoodNamingTheLimit() throws Exception {
    long maxPayload = nats.getMaxPayload();
    Event atDomainMaximum = outbox.appendPayloadOf(Event.MAX_PAYLOAD_LENGTH);
    Event slightlyOver = outbox.appendPayloadOf((int) maxPayload - 100);   // the headers take more than 100 bytes
    Event justUnder = outbox.appendPayloadOf((int) maxPayload - 2_000);
    try (NatsHandler handler = handler(URL)) {
      Map<EventId, Exception> failures = handler.handleAll(List.of(atDomainMaximum, slightlyOver, justUnder));

      assertThat(failures).containsOnlyKeys(atDomainMaximum.id(), slightlyOver.id());
      assertThat(failures.values()).allSatisfy(failure -> assertThat(failure).isInstanceOf(NonRetryableException.class)
          .hasMessageContaining("max_payload of " + maxPayload + " bytes"));
    }
    List<Message> received = consume();
    assertThat(received).singleElement().satisfies(message ->
        assertThat(message.getData()).isEqualTo(justUnder.payload().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void cloudEventsBinaryModeCarriesEveryRequiredAttribute() throws Exception {
    List<Event> events = outbox.appendUnicode();
    try (NatsHandler handler = builder(URL).cloudEvents(CloudEvents.binaryMode()).build()) {
      assertThat(handler.handleAll(events)).isEmpty();
    }

    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Message message : consume()) {
      Map<String, String> attributes = cloudEventsAttributes(message);
      Event event = sent.get(attributes.get("id"));
      OutboxFixture.assertCloudEventOf(event, attributes);
      assertThat(message.getData()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void theStreamStoresARedeliveredEventOnce() throws Exception {
    List<Event> events = outbox.append(2, 1);
    try (NatsHandler handler = handler(URL)) {
      assertThat(handler.handleAll(events)).isEmpty();
      assertThat(handler.handleAll(events)).isEmpty(); // a duplicate PubAck is an acknowledgement
    }
    assertThat(consume()).hasSize(2);
  }

  @Test
  void anInvalidSubjectFailsTheEventForGood() throws Exception {
    Event event = outbox.append(1, 1).get(0);
    try (NatsHandler handler = NatsHandler.builder().url(URL).subject(e -> "bad subject").build()) {
      Map<EventId, Exception> failures = handler.handleAll(List.of(event));
      assertThat(failures.get(event.id())).isInstanceOf(NonRetryableException.class).hasMessageContaining("bad subject");
    }
  }

  @Test
  void serverOutageLeavesEventsPendingAndRetriedThenDeliversEveryOne() throws Exception {
    try (TcpForwarder door = TcpForwarder.start(4222); NatsHandler handler = handler("nats://127.0.0.1:" + door.port())) {
      List<Event> all = outbox.publishThroughOutage(handler, door::stop, door::resume, PATIENCE);
      assertAllInOrderPerAggregate(all, consume().stream().map(m -> m.getHeaders().getFirst("event-id")).toList());
    }
    assertThat(outbox.failures()).isEmpty();
  }

  /** Publishes {@code events} through a publisher, and returns every message the stream then holds. */
  private List<Message> publishAndConsume(List<Event> events) throws Exception {
    try (NatsHandler handler = handler(URL)) {
      outbox.publish(handler);
      outbox.awaitPublished(events, PATIENCE);
    }
    List<Message> received = consume();
    assertThat(received).hasSize(events.size());
    return received;
  }

  /** Every message of the stream, read from its start by an ordered JetStream consumer. */
  private List<Message> consume() throws IOException, JetStreamApiException, InterruptedException {
    long stored = streams.getStreamInfo(stream).getStreamState().getMsgCount();
    JetStreamSubscription subscription = nats.jetStream()
        .subscribe(prefix + ">", PushSubscribeOptions.builder().stream(stream).ordered(true).build());
    try {
      List<Message> messages = new ArrayList<>();
      while (messages.size() < stored) {
        Message message = subscription.nextMessage(Duration.ofSeconds(10));
        assertThat(message).as("message %d of %d", messages.size() + 1, stored).isNotNull();
        messages.add(message);
      }
      return messages;
    } finally {
      subscription.unsubscribe();
    }
  }

  private static Map<String, String> headers(Message message) {
    Map<String, String> headers = new LinkedHashMap<>();
    message.getHeaders().entrySet().forEach(entry -> headers.put(entry.getKey(), entry.getValue().get(0)));
    return headers;
  }

  /**
   * The CloudEvents attributes as the NATS binding has a receiver read them: every {@code ce-}
   * header, the name without the prefix, the value percent-decoded.
   */
  private static Map<String, String> cloudEventsAttributes(Message message) {
    Map<String, String> attributes = new LinkedHashMap<>();
    headers(message).forEach((name, value) -> {
      if (name.toLowerCase(Locale.ROOT).startsWith("ce-")) {
        attributes.put(name.substring(3).toLowerCase(Locale.ROOT), OutboxFixture.cloudEventsDecoded(value));
      }
    });
    return attributes;
  }
}
