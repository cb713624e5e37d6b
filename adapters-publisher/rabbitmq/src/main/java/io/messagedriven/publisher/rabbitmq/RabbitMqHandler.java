package io.messagedriven.publisher.rabbitmq;

import static io.messagedriven.publisher.BuilderChecks.positive;
import static io.messagedriven.publisher.BuilderChecks.require;
import static io.messagedriven.publisher.BuilderChecks.withoutPassword;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ConnectionFactory;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.Acknowledgements;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.rabbitmq.internal.ChannelPool;
import io.messagedriven.publisher.rabbitmq.internal.ConfirmingChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Publishes each event as one persistent message to a RabbitMQ topic exchange, and counts it
 * published once the broker confirms it (publisher confirms).
 *
 * <p>The message: routing key from {@link Builder#routingKey} (the event name by default, so
 * consumers bind {@code User.*} or {@code #}), body the event's JSON payload, {@code
 * delivery-mode} 2 (persistent), {@code message-id} the event id, {@code type} the event name,
 * {@code timestamp} when it occurred (in seconds, as AMQP keeps it), {@code correlation-id} the
 * event's correlation id, {@code content-type} {@code application/json}, the {@link
 * MessageHeaders} as headers (UTF-8 strings), and optionally the {@link CloudEvents} attributes as
 * {@code cloudEvents:} headers. It is published with the mandatory flag: a message no queue
 * is bound for comes back and its event fails with an {@link UnroutableMessageException}, to be
 * retried.
 *
 * <p>A batch is published on one channel, then every confirm is awaited. Connection failures,
 * nacks, returns and missing confirms are ordinary exceptions, so the publisher retries with
 * backoff; the connection is opened again on the next batch.
 *
 * <pre>{@code
 * try (RabbitMqHandler rabbit = RabbitMqHandler.builder()
 *     .uri("amqp://app:secret@rabbit.internal:5672/prod")
 *     .exchange("events")
 *     .build()) {
 *   ... Publisher.builder().handler(rabbit) ...
 * }
 * }</pre>
 */
public final class RabbitMqHandler implements BatchEventHandler, AutoCloseable {
  private static final int MAX_ROUTING_KEY_BYTES = 255;

  private final ChannelPool channels;
  private final String exchange;
  private final Function<Event, String> routingKey;
  private final CloudEvents cloudEvents;
  private final Duration confirmTimeout;

  private RabbitMqHandler(ChannelPool channels, Builder builder) {
    this.channels = channels;
    this.exchange = builder.exchange;
    this.routingKey = builder.routingKey;
    this.cloudEvents = builder.cloudEvents;
    this.confirmTimeout = builder.confirmTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Publishes every event on one channel, then awaits every confirm. */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws InterruptedException {
    ConfirmingChannel channel;
    try {
      channel = channels.borrow();
    } catch (IOException | TimeoutException | RuntimeException e) {
      Map<EventId, Exception> failures = new LinkedHashMap<>();
      events.forEach(event -> failures.put(event.id(), e));
      return failures;
    }
    try {
      Acknowledgements acks = new Acknowledgements();
      for (Event event : events) {
        if (acks.leaseEnded(event)) {
          continue;
        }
        try {
          acks.expect(event.id(), channel.publish(exchange, routingKeyOf(event), properties(event),
              event.payload().getBytes(StandardCharsets.UTF_8)).thenAccept(returned -> {
                if (returned != null) {
                  throw new UnroutableMessageException(
                      "RabbitMQ returned message " + event.id() + " as unroutable: " + returned);
                }
              }));
        } catch (IOException | RuntimeException e) {
          acks.fail(event.id(), e);
        }
      }
      return acks.await(confirmTimeout);
    } finally {
      channels.giveBack(channel);
    }
  }

  private String routingKeyOf(Event event) {
    String key = routingKey.apply(event);
    if (key == null || key.getBytes(StandardCharsets.UTF_8).length > MAX_ROUTING_KEY_BYTES) {
      throw new NonRetryableException("routing key of event " + event.id() + " must be at most "
          + MAX_ROUTING_KEY_BYTES + " bytes, was " + key);
    }
    return key;
  }

  private AMQP.BasicProperties properties(Event event) {
    Map<String, Object> headers = new LinkedHashMap<>(MessageHeaders.of(event, MessageHeaders.Transport.AMQP, cloudEvents));
    return new AMQP.BasicProperties.Builder()
        .contentType(MessageHeaders.JSON)
        .contentEncoding("utf-8")
        .deliveryMode(2)
        .messageId(event.id().toString())
        .correlationId(event.headers().get(Event.CORRELATION_ID))
        .type(event.name())
        .timestamp(Date.from(event.occurredAt()))
        .appId("message-driven")
        .headers(headers)
        .build();
  }

  /** Closes the channels and the connection; confirms still awaited fail. */
  @Override
  public void close() {
    channels.close();
  }

  @Override
  public String toString() {
    return "RabbitMqHandler[exchange=" + exchange + "]";
  }

  /** Settings of a {@link RabbitMqHandler}; {@link #build()} checks them. */
  public static final class Builder {
    private String uri = "amqp://localhost";
    private String exchange = "events";
    private boolean declareExchange = true;
    private Function<Event, String> routingKey = Event::name;
    private Duration confirmTimeout = Duration.ofSeconds(30);
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private String connectionName = "message-driven-publisher";
    private CloudEvents cloudEvents = CloudEvents.off();

    private Builder() {}

    /**
     * The broker, as an {@code amqp://user:password@host:port/vhost} or {@code amqps://} URI.
     * Default: {@code amqp://localhost} (port 5672, guest/guest, vhost {@code /}).
     */
    public Builder uri(String uri) {
      this.uri = uri;
      return this;
    }

    /** The topic exchange to publish to. Default: {@code events}. */
    public Builder exchange(String exchange) {
      this.exchange = exchange;
      return this;
    }

    /**
     * Whether to declare the exchange (durable, topic) on each new connection; turn it off when
     * the exchange is managed elsewhere or the user may not declare. Default: true.
     */
    public Builder declareExchange(boolean declareExchange) {
      this.declareExchange = declareExchange;
      return this;
    }

    /**
     * The routing key of an event's message, at most 255 bytes (a longer one fails the event
     * for good). Default: the event name, such as {@code User.created}.
     */
    public Builder routingKey(Function<Event, String> routingKey) {
      this.routingKey = routingKey;
      return this;
    }

    /** How long a batch waits for its confirms; an event not confirmed by then is retried. Default: 30 s. */
    public Builder confirmTimeout(Duration confirmTimeout) {
      this.confirmTimeout = confirmTimeout;
      return this;
    }

    /** How long to wait for a connection (TCP and AMQP handshake). Default: 5 s. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** The name the connection shows in the management UI. Default: {@code message-driven-publisher}. */
    public Builder connectionName(String connectionName) {
      this.connectionName = connectionName;
      return this;
    }

    /**
     * Whether messages also carry the {@link CloudEvents} attributes as {@code cloudEvents:}
     * headers (AMQP binding, binary mode; the content type is the message's {@code
     * content-type}). Default: {@link CloudEvents#off()}.
     */
    public Builder cloudEvents(CloudEvents cloudEvents) {
      this.cloudEvents = cloudEvents;
      return this;
    }

    /**
     * Checks the settings and creates the handler. It connects on its first batch, not here, so
     * a broker that is down at start only delays publishing.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public RabbitMqHandler build() {
      ConnectionFactory factory = new ConnectionFactory();
      try {
        factory.setUri(Objects.requireNonNull(uri));
      } catch (Exception e) {
        throw new IllegalArgumentException("uri must be an amqp:// or amqps:// URI, was " + withoutPassword(uri), e);
      }
      require(exchange != null && !exchange.isBlank() && exchange.length() <= 255,
          "exchange must be 1 to 255 characters, was " + exchange);
      require(!(declareExchange && exchange.startsWith("amq.")),
          "exchange cannot be declared: names starting with amq. are reserved, was " + exchange
              + " (use declareExchange(false) to publish to it)");
      require(routingKey != null, "routingKey is required, was null");
      require(positive(confirmTimeout), "confirmTimeout must be positive, was " + confirmTimeout);
      require(positive(connectionTimeout) && connectionTimeout.toMillis() <= Integer.MAX_VALUE,
          "connectionTimeout must be positive, was " + connectionTimeout);
      require(connectionName != null && !connectionName.isBlank(), "connectionName must not be blank, was " + connectionName);
      require(cloudEvents != null, "cloudEvents is required (CloudEvents.off() for none), was null");
      factory.setAutomaticRecoveryEnabled(false);
      factory.setTopologyRecoveryEnabled(false);
      factory.setConnectionTimeout((int) connectionTimeout.toMillis());
      factory.setHandshakeTimeout((int) connectionTimeout.toMillis());
      return new RabbitMqHandler(new ChannelPool(factory, connectionName, declareExchange ? exchange : null), this);
    }
  }
}
