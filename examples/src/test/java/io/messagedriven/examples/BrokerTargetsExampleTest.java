package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.kafka.KafkaHandler;
import io.messagedriven.publisher.nats.NatsHandler;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.webhook.WebhookHandler;
import org.junit.jupiter.api.Test;

/** The README's target samples build their handlers; none connects before its first batch. */
class BrokerTargetsExampleTest {

  @Test
  void samplesBuildTheirHandlersWithoutConnecting() throws Exception {
    try (RabbitMqHandler rabbit = BrokerTargetsExample.rabbitMq();
        KafkaHandler kafka = BrokerTargetsExample.kafka();
        NatsHandler nats = BrokerTargetsExample.nats()) {
      WebhookHandler webhook = BrokerTargetsExample.webhook("s3cret");
      EventRouter router = BrokerTargetsExample.compose(kafka, webhook);

      assertThat(rabbit).hasToString("RabbitMqHandler[exchange=events]");
      assertThat(kafka).hasToString("KafkaHandler[localhost:9092, topic=user-events]");
      assertThat(nats).hasToString("NatsHandler[stream=EVENTS]");
      assertThat(webhook).hasToString("WebhookHandler[https://crm.example.com/hooks/users]");
      assertThat(router.routes("User.created")).isTrue();
      assertThat(router.routes("Tenant.created")).isFalse();
    }
  }
}
