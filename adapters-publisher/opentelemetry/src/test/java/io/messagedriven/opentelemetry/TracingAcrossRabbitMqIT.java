package io.messagedriven.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.messagedriven.domain.Event;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A trace from the transaction that appends an event, on real PostgreSQL, through a publisher to
 * this machine's RabbitMQ, read back by a plain AMQP consumer the way any consumer would.
 */
@RequiresServer(name = "RabbitMQ", port = 5672, howToRun = "rabbitmq-server -detached")
class TracingAcrossRabbitMqIT {
  private static final String URI = "amqp://guest:guest@127.0.0.1:5672";
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /** How a consumer reads a context from AMQP headers: their values are AMQP long strings. */
  private static final TextMapGetter<Map<String, Object>> AMQP_HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, Object> headers) {
      return headers.keySet();
    }

    @Override
    public String get(Map<String, Object> headers, String key) {
      Object value = headers == null ? null : headers.get(key);
      return value == null ? null : value.toString();
    }
  };

  private final Traces traces = new Traces();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final String exchange = "md-trace-" + UUID.randomUUID();
  private OutboxFixture outbox;
  private Connection connection;

  @BeforeEach
  void start() throws Exception {
    outbox = OutboxFixture.create();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(URI);
    connection = factory.newConnection("md-trace-consumer");
    Channel channel = connection.createChannel();
    channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    String queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, exchange, "#");
    channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> { });
  }

  @AfterEach
  void stop() throws Exception {
    outbox.close();
    try (Channel channel = connection.createChannel()) {
      channel.exchangeDelete(exchange);
    }
    connection.close();
    traces.close();
  }

  /** Appends an event in a transaction of the outbox, inside a span named {@code request}. */
  private Event appendInARequest() {
    return traces.inSpan("request", () -> outbox.store().transactions().inTenant(outbox.tenant(), tx -> {
      Event event = OutboxTracing.stamp(Event.raise(outbox.tenant(), "Order", "o-" + UUID.randomUUID(), "Order.placed",
          "{\"totalCents\":1250}", Instant.now().truncatedTo(ChronoUnit.MICROS)));
      tx.outbox().append(event);
      return event;
    }));
  }

  /** Publishes through a traced RabbitMQ target and returns the one delivery the consumer got. */
  private Delivery publishAndConsume(OutboxTracing tracing) throws Exception {
    RabbitMqHandler rabbit = RabbitMqHandler.builder().uri(URI).exchange(exchange).build();
    outbox.publish(tracing.traced("rabbitmq", rabbit));
    traces.awaitSpans("publish rabbitmq", 1, PATIENCE);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (deliveries.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(deliveries).hasSize(1);
    return deliveries.get(0);
  }

  /** The span context a consumer continues, extracted from the message as OpenTelemetry does. */
  private static SpanContext continuedBy(Delivery delivery) {
    Context extracted = W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), delivery.getProperties().getHeaders(), AMQP_HEADERS);
    return Span.fromContext(extracted).getSpanContext();
  }

  @Test
  void theConsumerContinuesThePublishSpanWhichIsLinkedToTheAppendingRequest() throws Exception {
    Event event = appendInARequest();

    Delivery delivery = publishAndConsume(OutboxTracing.builder().openTelemetry(traces.openTelemetry()).build());

    SpanData publish = traces.span("publish rabbitmq");
    SpanContext request = traces.context("request");
    assertThat(delivery.getProperties().getMessageId()).isEqualTo(event.id().toString());
    assertThat(continuedBy(delivery).getTraceId()).isEqualTo(publish.getTraceId());
    assertThat(continuedBy(delivery).getSpanId()).isEqualTo(publish.getSpanId());
    assertThat(publish.getLinks()).singleElement().satisfies(link -> {
      assertThat(link.getSpanContext().getTraceId()).isEqualTo(request.getTraceId());
      assertThat(link.getSpanContext().getSpanId()).isEqualTo(request.getSpanId());
    });
  }

  @Test
  void asAChildTheRequestThePublishAndTheConsumerAreOneTrace() throws Exception {
    appendInARequest();

    Delivery delivery = publishAndConsume(
        OutboxTracing.builder().openTelemetry(traces.openTelemetry()).childOfStoredContext(true).build());

    SpanData publish = traces.span("publish rabbitmq");
    SpanContext request = traces.context("request");
    assertThat(publish.getTraceId()).isEqualTo(request.getTraceId());
    assertThat(publish.getParentSpanId()).isEqualTo(request.getSpanId());
    assertThat(continuedBy(delivery).getTraceId()).isEqualTo(request.getTraceId());
    assertThat(continuedBy(delivery).getSpanId()).isEqualTo(publish.getSpanId());
  }
}
