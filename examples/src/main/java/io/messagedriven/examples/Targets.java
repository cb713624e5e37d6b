package io.messagedriven.examples;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.LoggingHandler;
import io.messagedriven.publisher.kafka.KafkaHandler;
import io.messagedriven.publisher.nats.NatsHandler;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.webhook.WebhookHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The targets {@code MessagePublisher} publishes to, from its {@code --target} and per-target
 * flags: every setting each target's builder has. A flag left out keeps the builder's default.
 */
final class Targets implements AutoCloseable {
  static final String SECRET_VARIABLE = "MESSAGE_DRIVEN_WEBHOOK_SECRET";
  private static final List<String> KNOWN = List.of("log", "rabbitmq", "kafka", "nats", "webhook");

  /** The flags of every target, a picocli mixin. */
  static final class Options {
    @Option(names = "--target", split = ",", paramLabel = "TARGET", defaultValue = "log",
        description = "where events go, one or more of log,rabbitmq,kafka,nats,webhook (default log); "
            + "each event goes to every target, and a retry only to those that do not have it yet")
    List<String> targets;

    @Option(names = "--cloud-events", description = "add CloudEvents binary-mode attributes on every broker target")
    boolean cloudEvents;

    @Option(names = "--rabbitmq-uri", defaultValue = "amqp://guest:guest@127.0.0.1:5672",
        description = "amqp://user:password@host:port/vhost (default ${DEFAULT-VALUE})")
    String rabbitUri;
    @Option(names = "--rabbitmq-exchange", defaultValue = "events", description = "topic exchange (default ${DEFAULT-VALUE})")
    String rabbitExchange;
    @Option(names = "--rabbitmq-no-declare", description = "do not declare the exchange; it must exist")
    boolean rabbitNoDeclare;
    @Option(names = "--rabbitmq-confirm-timeout", converter = DurationConverter.class,
        description = "how long a batch waits for its confirms (default 30s)")
    Duration rabbitConfirmTimeout;
    @Option(names = "--rabbitmq-connection-timeout", converter = DurationConverter.class,
        description = "TCP connect and AMQP handshake timeout (default 5s)")
    Duration rabbitConnectionTimeout;
    @Option(names = "--rabbitmq-connection-name", description = "the name the management UI shows (default message-driven-publisher)")
    String rabbitConnectionName;

    @Option(names = "--kafka-bootstrap", defaultValue = "127.0.0.1:9092", description = "host:port[,host:port] (default ${DEFAULT-VALUE})")
    String kafkaBootstrap;
    @Option(names = "--kafka-topic", description = "one topic for every event (default: a topic per aggregate type, such as User)")
    String kafkaTopic;
    @Option(names = "--kafka-client-id", description = "the producer's client.id (default message-driven-publisher)")
    String kafkaClientId;
    @Option(names = "--kafka-delivery-timeout", converter = DurationConverter.class,
        description = "delivery.timeout.ms of the producer (default 30s)")
    Duration kafkaDeliveryTimeout;
    @Option(names = "--kafka-property", paramLabel = "NAME=VALUE",
        description = "any producer property, repeatable, such as --kafka-property compression.type=zstd")
    Map<String, String> kafkaProperties = new LinkedHashMap<>();
    @Option(names = "--kafka-key", defaultValue = "aggregate", paramLabel = "aggregate|aggregate-id",
        description = "record key: aggregate is <tenant id>/<aggregate type>/<aggregate id>; aggregate-id the id alone"
            + " (default ${DEFAULT-VALUE})")
    String kafkaKey;

    @Option(names = "--nats-url", defaultValue = "nats://127.0.0.1:4222", description = "nats://host:port (default ${DEFAULT-VALUE})")
    String natsUrl;
    @Option(names = "--nats-subject-prefix", defaultValue = "events.", description = "before the event name in the subject (default ${DEFAULT-VALUE})")
    String natsSubjectPrefix;
    @Option(names = "--nats-stream", description = "JetStream stream, created over the prefix if missing (default: one you manage)")
    String natsStream;
    @Option(names = "--nats-ack-timeout", converter = DurationConverter.class,
        description = "how long a batch waits for its PubAcks (default 30s)")
    Duration natsAckTimeout;
    @Option(names = "--nats-connection-timeout", converter = DurationConverter.class,
        description = "connect timeout (default 5s)")
    Duration natsConnectionTimeout;
    @Option(names = "--nats-connection-name", description = "the name the server's monitoring shows (default message-driven-publisher)")
    String natsConnectionName;

    @Option(names = "--webhook-url", description = "http(s) URL to POST each event to (required for webhook)")
    String webhookUrl;
    @Option(names = "--webhook-secret", defaultValue = "${env:" + SECRET_VARIABLE + "}",
        description = "Standard Webhooks signing secret (required for webhook, or " + SECRET_VARIABLE + ")")
    String webhookSecret;
    @Option(names = "--webhook-connect-timeout", converter = DurationConverter.class, description = "(default 5s)")
    Duration webhookConnectTimeout;
    @Option(names = "--webhook-request-timeout", converter = DurationConverter.class, description = "how long one request waits for its answer (default 10s)")
    Duration webhookRequestTimeout;
    @Option(names = "--webhook-max-concurrent", description = "most requests in flight at once (default 32)")
    Integer webhookMaxConcurrent;
    @Option(names = "--webhook-retryable-statuses", split = ",", paramLabel = "STATUS",
        description = "4xx answers that are retried; other 4xx fail the event for good (default 408,425,429)")
    Set<Integer> webhookRetryableStatuses;
    @Option(names = "--webhook-header", paramLabel = "NAME=VALUE", description = "a header on every request, repeatable")
    Map<String, String> webhookHeaders = new LinkedHashMap<>();

    /**
     * The targets the flags name, each built and checked (none connects yet).
     *
     * @throws IllegalArgumentException naming the bad flag and value
     */
    Targets open() {
      Map<String, EventHandler> handlers = new LinkedHashMap<>();
      try {
        for (String target : targets) {
          String name = target.strip();
          if (handlers.containsKey(name)) {
            throw new IllegalArgumentException("--target names " + name + " twice");
          }
          handlers.put(name, handler(name));
        }
      } catch (IllegalArgumentException e) {
        new Targets(handlers).close();
        throw e;
      }
      return new Targets(handlers);
    }

    private EventHandler handler(String target) {
      CloudEvents binding = cloudEvents ? CloudEvents.binaryMode() : CloudEvents.off();
      return switch (target) {
        case "log" -> new LoggingHandler();
        case "rabbitmq" -> flagged("rabbitmq", () -> {
          RabbitMqHandler.Builder rabbit = RabbitMqHandler.builder().uri(rabbitUri).exchange(rabbitExchange)
              .declareExchange(!rabbitNoDeclare).cloudEvents(binding);
          given(rabbitConfirmTimeout, rabbit::confirmTimeout);
          given(rabbitConnectionTimeout, rabbit::connectionTimeout);
          given(rabbitConnectionName, rabbit::connectionName);
          return rabbit.build();
        });
        case "kafka" -> flagged("kafka", () -> {
          KafkaHandler.Builder kafka = KafkaHandler.builder().bootstrapServers(kafkaBootstrap).cloudEvents(binding);
          given(kafkaTopic, kafka::topic);
          given(kafkaClientId, kafka::clientId);
          given(kafkaDeliveryTimeout, kafka::deliveryTimeout);
          kafkaProperties.forEach(kafka::producerProperty);
          kafka.recordKey(switch (kafkaKey) {
            case "aggregate" -> KafkaHandler::aggregateKey;
            case "aggregate-id" -> Event::aggregateId;
            default -> throw new IllegalArgumentException("--kafka-key must be aggregate or aggregate-id, was " + kafkaKey);
          });
          return kafka.build();
        });
        case "nats" -> flagged("nats", () -> {
          NatsHandler.Builder nats = NatsHandler.builder().url(natsUrl).subjectPrefix(natsSubjectPrefix)
              .stream(natsStream).cloudEvents(binding);
          given(natsAckTimeout, nats::ackTimeout);
          given(natsConnectionTimeout, nats::connectionTimeout);
          given(natsConnectionName, nats::connectionName);
          return nats.build();
        });
        case "webhook" -> flagged("webhook", () -> {
          WebhookHandler.Builder webhook = WebhookHandler.builder().url(webhookUrl).secret(webhookSecret)
              .cloudEvents(binding);
          given(webhookConnectTimeout, webhook::connectTimeout);
          given(webhookRequestTimeout, webhook::requestTimeout);
          given(webhookMaxConcurrent, webhook::maxConcurrentRequests);
          given(webhookRetryableStatuses, statuses -> webhook.retryableStatuses(new TreeSet<>(statuses)));
          webhookHeaders.forEach(webhook::header);
          return webhook.build();
        });
        default -> throw new IllegalArgumentException(
            "--target must be one or more of " + String.join(",", KNOWN) + ", was " + String.join(",", targets));
      };
    }
  }

  private final Map<String, EventHandler> handlers;

  private Targets(Map<String, EventHandler> handlers) {
    this.handlers = handlers;
  }

  /** Calls {@code setter} with {@code value} if the flag was given; the builder's default stands otherwise. */
  static <T> void given(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  /** Builds a target; a builder's complaint names the target it is about. */
  private static EventHandler flagged(String target, Supplier<EventHandler> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Every event to every target, each a named route: a target that has an event is not sent it
   * again when another target's failure makes it retry.
   */
  EventHandler router() {
    EventRouter.Builder router = EventRouter.builder();
    handlers.forEach((name, handler) -> router.route("*", name, handler));
    return router.build();
  }

  List<String> names() {
    return List.copyOf(handlers.keySet());
  }

  @Override
  public void close() {
    List<Exception> problems = new ArrayList<>();
    for (EventHandler handler : handlers.values()) {
      if (handler instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          problems.add(e);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("cannot close every target", problems.get(0));
    }
  }
}
