package io.messagedriven.publisher.rabbitmq;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.LongString;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against this machine's RabbitMQ on 127.0.0.1:5672; each test on an exchange of its own. */
@RequiresServer(name = "RabbitMQ", port = 5672, howToRun = "rabbitmq-server -detached")
class RabbitMqHandlerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private RabbitConsumer consumer;
  private OutboxFixture outbox;

  @BeforeEach
  void start() throws Exception {
    consumer = new RabbitConsumer();
    outbox = OutboxFixture.create();
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    consumer.close();
  }

  private RabbitMqHandler rabbit(String uri) {
    return builder(uri).build();
  }

  private RabbitMqHandler.Builder builder(String uri) {
    return RabbitMqHandler.builder().uri(uri).exchange(consumer.exchange())
        .connectionTimeout(Duration.ofSeconds(2)).confirmTimeout(Duration.ofSeconds(5));
  }

  @Test
  void publishesEveryEventConfirmedWithItsIdsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    consumer.bind("User.*");
    List<Event> events = outbox.append(10, 5);
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Delivery delivery : publishAndConsume(events)) {
      Event event = sent.get(delivery.getProperties().getMessageId());
      assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo(event.name());
      assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
      assertThat(delivery.getProperties().getContentType()).isEqualTo("application/json");
      assertThat(delivery.getProperties().getType()).isEqualTo(event.name());
      assertThat(delivery.getProperties().getCorrelationId()).isEqualTo(event.headers().get(Event.CORRELATION_ID));
      assertThat(delivery.getProperties().getTimestamp().toInstant().getEpochSecond())
          .isEqualTo(event.occurredAt().getEpochSecond());
      assertThat(RabbitConsumer.headers(delivery)).containsEntry("occurred-at", MessageHeaders.timestamp(event.occurredAt()))
          .doesNotContainKeys("content-type", "cloudEvents:id");
      assertCarries(event, RabbitConsumer.headers(delivery), RabbitConsumer.body(delivery));
    }
    assertAllInOrderPerAggregate(events, consumer.messageIds());
  }

  @Test
  void headerValuesBeyondAsciiArriveAsUtf8AsTheyAre() throws Exception {
    consumer.bind("#");
    List<Event> events = outbox.appendUnicode();
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Delivery delivery : publishAndConsume(events)) {
      Event event = sent.get(delivery.getProperties().getMessageId());
      LongString aggregateId = (LongString) delivery.getProperties().getHeaders().get("aggregate-id");
      assertThat(aggregateId.getBytes()).isEqualTo(event.aggregateId().getBytes(StandardCharsets.UTF_8));
      assertThat(delivery.getBody()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
      assertCarries(event, RabbitConsumer.headers(delivery), RabbitConsumer.body(delivery));
    }
    assertThat(consumer.deliveries()).anySatisfy(delivery ->
        assertThat(RabbitConsumer.headers(delivery)).containsEntry("aggregate-id", "José"));
    assertAllInOrderPerAggregate(events, consumer.messageIds());
  }

  @Test
  void aPayloadAtTheDomainsMaximumIsDelivered() throws Exception {
    consumer.bind("#");
    Event event = outbox.appendPayloadOf(Event.MAX_PAYLOAD_LENGTH);
    assertThat(publishAndConsume(List.of(event))).singleElement().satisfies(delivery ->
        assertThat(delivery.getBody()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8)).hasSize(Event.MAX_PAYLOAD_LENGTH));
  }

  @Test
  void cloudEventsBinaryModeCarriesEveryRequiredAttribute() throws Exception {
    consumer.bind("#");
    List<Event> events = outbox.appendUnicode();
    try (RabbitMqHandler rabbit = builder(RabbitConsumer.URI).cloudEvents(CloudEvents.binaryMode()).build()) {
      assertThat(rabbit.handleAll(events)).isEmpty();
      awaitDeliveries(events.size());
    }

    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Delivery delivery : consumer.deliveries()) {
      Map<String, String> attributes = cloudEventsAttributes(delivery);
      Event event = sent.get(attributes.get("id"));
      OutboxFixture.assertCloudEventOf(event, attributes);
      assertThat(delivery.getBody()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The CloudEvents attributes as the AMQP binding has a receiver read them: the application
   * properties prefixed {@code cloudEvents:} (or {@code cloudEvents_}), and the message's content
   * type as {@code datacontenttype}.
   */
  private static Map<String, String> cloudEventsAttributes(Delivery delivery) {
    Map<String, String> attributes = new LinkedHashMap<>();
    RabbitConsumer.headers(delivery).forEach((name, value) -> {
      if (name.startsWith("cloudEvents:") || name.startsWith("cloudEvents_")) {
        attributes.put(name.substring("cloudEvents:".length()), value);
      }
    });
    attributes.put("datacontenttype", delivery.getProperties().getContentType());
    return attributes;
  }

  @Test
  void unroutableMessageIsAFailureAndIsDeliveredOnceAQueueIsBound() throws Exception {
    List<Event> events = outbox.append(3, 2);
    try (RabbitMqHandler rabbit = rabbit(RabbitConsumer.URI)) {
      Map<EventId, Exception> failures = rabbit.handleAll(List.of(events.get(0), events.get(1)));
      assertThat(failures).containsOnlyKeys(events.get(0).id(), events.get(1).id());
      assertThat(failures.values()).allSatisfy(failure ->
          assertThat(failure).isInstanceOf(UnroutableMessageException.class).hasMessageContaining("NO_ROUTE"));

      outbox.publish(rabbit);
      outbox.awaitRetries(3, PATIENCE);
      assertThat(outbox.countPublished(events)).isZero();

      consumer.bind("#");
      outbox.awaitPublished(events, PATIENCE);
      awaitDeliveries(events.size());
    }
    assertAllInOrderPerAggregate(events, consumer.messageIds());
  }

  @Test
  void brokerOutageLeavesEventsPendingAndRetriedThenDeliversEveryOne() throws Exception {
    consumer.bind("User.*");
    try (TcpForwarder door = TcpForwarder.start(5672);
        RabbitMqHandler rabbit = rabbit("amqp://guest:guest@127.0.0.1:" + door.port())) {
      List<Event> all = outbox.publishThroughOutage(rabbit, door::stop, door::resume, PATIENCE);
      awaitDeliveries(all.size());
      assertAllInOrderPerAggregate(all, consumer.messageIds());
    }
    assertThat(outbox.failures()).isEmpty();
  }

  /** Publishes {@code events} through a publisher, and returns what the consumer then received. */
  private List<Delivery> publishAndConsume(List<Event> events) throws Exception {
    try (RabbitMqHandler rabbit = rabbit(RabbitConsumer.URI)) {
      outbox.publish(rabbit);
      outbox.awaitPublished(events, PATIENCE);
      awaitDeliveries(events.size());
    }
    return consumer.deliveries();
  }

  private void awaitDeliveries(int count) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (consumer.deliveries().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(consumer.deliveries().size()).isGreaterThanOrEqualTo(count);
  }
}
