package io.messagedriven.examples;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.kafka.KafkaHandler;
import io.messagedriven.publisher.nats.NatsHandler;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.webhook.WebhookHandler;

/** The README's target samples: each builds a handler as a user would (none connects yet). */
final class BrokerTargetsExample {
  private BrokerTargetsExample() {}

  static RabbitMqHandler rabbitMq() {
    // tag::rabbitmq[]
    RabbitMqHandler rabbit = RabbitMqHandler.builder()
        .uri("amqp://app:secret@rabbit.internal:5672/prod")
        .exchange("events")
        .build();                                // AutoCloseable: close it when the publisher stops
    // end::rabbitmq[]
    return rabbit;
  }

  static KafkaHandler kafka() {
    // tag::kafka[]
    KafkaHandler kafka = KafkaHandler.builder()
        .bootstrapServers("localhost:9092")
        .topic("user-events")
        .build();                                // AutoCloseable
    // end::kafka[]
    return kafka;
  }

  static NatsHandler nats() {
    // tag::nats[]
    NatsHandler nats = NatsHandler.builder()
        .url("nats://nats.internal:4222")
        .stream("EVENTS")                        // created over events.> if missing
        .build();                                // AutoCloseable
    // end::nats[]
    return nats;
  }

  static WebhookHandler webhook(String secret) {
    // tag::webhook[]
    WebhookHandler webhook = WebhookHandler.builder()
        .url("https://crm.example.com/hooks/users")
        .secret(secret)                          // receivers verify webhook-signature (Standard Webhooks)
        .build();
    // end::webhook[]
    return webhook;
  }

  static EventRouter compose(EventHandler kafka, EventHandler crmWebhook) {
    // tag::compose[]
    EventRouter router = EventRouter.builder()
        .route("User.*", "kafka", kafka)         // every User event to Kafka
        .route("User.created", "crm", crmWebhook) // and new users also to a webhook
        .build();
    // end::compose[]
    return router;
  }
}
