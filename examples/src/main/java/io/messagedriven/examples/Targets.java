package io.messagedriven.examples;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.LoggingHandler;
import io.messagedriven.publisher.kafka.KafkaHandler;
import io.messagedriven.publisher.nats.NatsHandler;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.webhook.WebhookHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** The targets {@code MessagePublisher} publishes to, from its {@code --target} and per-target flags. */
final class Targets implements AutoCloseable {
  static final String SECRET_VARIABLE = "MESSAGE_DRIVEN_WEBHOOK_SECRET";
  static final Set<String> FLAGS = Set.of("target", "rabbitmq-uri", "rabbitmq-exchange", "kafka-bootstrap",
      "kafka-topic", "nats-url", "nats-subject-prefix", "nats-stream", "webhook-url", "webhook-secret");
  static final String USAGE = """
        --target               where events go, one or more of log,rabbitmq,kafka,nats,webhook (default log)
        --rabbitmq-uri         amqp://user:password@host:port/vhost (default amqp://guest:guest@127.0.0.1:5672)
        --rabbitmq-exchange    topic exchange, declared if missing (default events)
        --kafka-bootstrap      host:port[,host:port] (default 127.0.0.1:9092)
        --kafka-topic          one topic for every event (default: a topic per aggregate type, such as User)
        --nats-url             nats://host:port (default nats://127.0.0.1:4222)
        --nats-subject-prefix  before the event name in the subject (default events.)
        --nats-stream          JetStream stream, created over the prefix if missing (default: one you manage)
        --webhook-url          http(s) URL to POST each event to (required for webhook)
        --webhook-secret       HMAC-SHA256 signing secret (required for webhook, or MESSAGE_DRIVEN_WEBHOOK_SECRET)
      """;

  private final Map<String, EventHandler> handlers;

  private Targets(Map<String, EventHandler> handlers) {
    this.handlers = handlers;
  }

  /**
   * The targets the flags name, each built and checked (none connects yet).
   *
   * @throws IllegalArgumentException naming the bad flag and value
   */
  static Targets from(Args flags) {
    Map<String, EventHandler> handlers = new LinkedHashMap<>();
    try {
      for (String target : flags.get("target", "log").split(",", -1)) {
        String name = target.strip();
        if (handlers.containsKey(name)) {
          throw new IllegalArgumentException("--target names " + name + " twice");
        }
        handlers.put(name, handler(name, flags));
      }
    } catch (IllegalArgumentException e) {
      new Targets(handlers).close();
      throw e;
    }
    return new Targets(handlers);
  }

  private static EventHandler handler(String target, Args flags) {
    return switch (target) {
      case "log" -> new LoggingHandler();
      case "rabbitmq" -> flagged("rabbitmq", () -> RabbitMqHandler.builder()
          .uri(flags.get("rabbitmq-uri", "amqp://guest:guest@127.0.0.1:5672"))
          .exchange(flags.get("rabbitmq-exchange", "events"))
          .build());
      case "kafka" -> flagged("kafka", () -> {
        KafkaHandler.Builder kafka = KafkaHandler.builder().bootstrapServers(flags.get("kafka-bootstrap", "127.0.0.1:9092"));
        if (flags.get("kafka-topic") != null) {
          kafka.topic(flags.get("kafka-topic"));
        }
        return kafka.build();
      });
      case "nats" -> flagged("nats", () -> NatsHandler.builder()
          .url(flags.get("nats-url", "nats://127.0.0.1:4222"))
          .subjectPrefix(flags.get("nats-subject-prefix", "events."))
          .stream(flags.get("nats-stream"))
          .build());
      case "webhook" -> flagged("webhook", () -> WebhookHandler.builder()
          .url(flags.get("webhook-url"))
          .secret(flags.get("webhook-secret", System.getenv(SECRET_VARIABLE)))
          .build());
      default -> throw new IllegalArgumentException(
          "--target must be one or more of log,rabbitmq,kafka,nats,webhook, was " + flags.get("target"));
    };
  }

  /** Builds a target; a builder's complaint names the target it is about. */
  private static EventHandler flagged(String target, Supplier<EventHandler> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--target " + target + ": " + e.getMessage(), e);
    }
  }

  /** Every event to every target; an event is published once all of them acknowledged it. */
  EventHandler router() {
    EventRouter.Builder router = EventRouter.builder();
    handlers.values().forEach(handler -> router.route("*", handler));
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
