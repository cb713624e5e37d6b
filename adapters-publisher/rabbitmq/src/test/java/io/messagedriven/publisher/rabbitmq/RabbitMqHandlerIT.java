package io.messagedriven.publisher.rabbitmq;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Delivery;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.time.Duration;
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
    return RabbitMqHandler.builder().uri(uri).exchange(consumer.exchange())
        .connectionTimeout(Duration.ofSeconds(2)).confirmTimeout(Duration.ofSeconds(5)).build();
  }

  @Test
  void publishesEveryEventConfirmedWithItsIdsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    consumer.bind("User.*");
    List<Event> events = outbox.append(10, 5);
    try (RabbitMqHandler rabbit = rabbit(RabbitConsumer.URI)) {
      outbox.publish(rabbit);
      outbox.awaitPublished(events, PATIENCE);
      awaitDeliveries(events.size());
    }

    Map<String, Event> sent = OutboxFixture.byId(events);
    for (Delivery delivery : consumer.deliveries()) {
      Event event = sent.get(delivery.getProperties().getMessageId());
      assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo(event.name());
      assertThat(delivery.getProperties().getDeliveryMode()).isEqualTo(2);
      assertThat(delivery.getProperties().getContentType()).isEqualTo("application/json");
      assertThat(delivery.getProperties().getType()).isEqualTo(event.name());
      assertThat(delivery.getProperties().getCorrelationId()).isEqualTo(event.headers().get(Event.CORRELATION_ID));
      assertCarries(event, RabbitConsumer.headers(delivery), RabbitConsumer.body(delivery));
    }
    assertAllInOrderPerAggregate(events, consumer.messageIds());
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

  private void awaitDeliveries(int count) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (consumer.deliveries().size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(consumer.deliveries().size()).isGreaterThanOrEqualTo(count);
  }
}
