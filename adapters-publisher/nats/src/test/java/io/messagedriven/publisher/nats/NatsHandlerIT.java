package io.messagedriven.publisher.nats;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
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
    return NatsHandler.builder().url(url).subjectPrefix(prefix).stream(stream)
        .connectionTimeout(Duration.ofSeconds(2)).ackTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void publishesEveryEventAcknowledgedWithItsIdsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    List<Event> events = outbox.append(10, 5);
    try (NatsHandler handler = handler(URL)) {
      outbox.publish(handler);
      outbox.awaitPublished(events, PATIENCE);
    }

    Map<String, Event> sent = OutboxFixture.byId(events);
    List<MessageInfo> stored = stored();
    assertThat(stored).hasSize(events.size());
    for (MessageInfo message : stored) {
      Event event = sent.get(message.getHeaders().getFirst("event-id"));
      assertThat(message.getSubject()).isEqualTo(prefix + event.name());
      assertThat(message.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(event.id().toString());
      assertCarries(event, headers(message), new String(message.getData(), StandardCharsets.UTF_8));
    }
    assertAllInOrderPerAggregate(events, stored.stream().map(m -> m.getHeaders().getFirst("event-id")).toList());
  }

  @Test
  void theStreamStoresARedeliveredEventOnce() throws Exception {
    List<Event> events = outbox.append(2, 1);
    try (NatsHandler handler = handler(URL)) {
      assertThat(handler.handleAll(events)).isEmpty();
      assertThat(handler.handleAll(events)).isEmpty(); // a duplicate PubAck is an acknowledgement
    }
    assertThat(stored()).hasSize(2);
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
      assertAllInOrderPerAggregate(all, stored().stream().map(m -> m.getHeaders().getFirst("event-id")).toList());
    }
    assertThat(outbox.failures()).isEmpty();
  }

  private List<MessageInfo> stored() throws IOException, JetStreamApiException {
    long last = streams.getStreamInfo(stream).getStreamState().getLastSequence();
    List<MessageInfo> messages = new ArrayList<>();
    for (long sequence = 1; sequence <= last; sequence++) {
      messages.add(streams.getMessage(stream, sequence));
    }
    return messages;
  }

  private static Map<String, String> headers(MessageInfo message) {
    Map<String, String> headers = new LinkedHashMap<>();
    message.getHeaders().entrySet().forEach(entry -> headers.put(entry.getKey(), entry.getValue().get(0)));
    return headers;
  }
}
