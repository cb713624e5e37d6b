package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import io.messagedriven.publisher.testing.RequiresServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** A RabbitMQ target configured by properties receives the events of its names, beside the handler beans. */
class RabbitMqTargetIT {
  private static final String BROKER = "amqp://guest:guest@127.0.0.1:5672";

  @Test
  @RequiresServer(name = "RabbitMQ", port = 5672, howToRun = "rabbitmq-server -detached")
  void eventsCommittedInATransactionReachTheBrokerAndTheHandlerBean() throws Exception {
    String exchange = "md-spring-" + UUID.randomUUID();
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(BROKER);
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(exchange, "topic", true);
      String queue = channel.queueDeclare().getQueue();
      channel.queueBind(queue, exchange, "Order.*");

      TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class)
          .withPropertyValues("message-driven.targets.rabbitmq.uri=" + BROKER,
              "message-driven.targets.rabbitmq.exchange=" + exchange,
              "message-driven.targets.rabbitmq.events=Order.placed")
          .run(context -> {
            assertThat(context).hasSingleBean(RabbitMqHandler.class);
            UUID order = context.getBean(TestApps.OrderService.class).place(4200);

            List<GetResponse> received = new CopyOnWriteArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
              GetResponse message = channel.basicGet(queue, true);
              if (message != null) {
                received.add(message);
              }
              return !received.isEmpty();
            });
            assertThat(received.get(0).getEnvelope().getRoutingKey()).isEqualTo("Order.placed");
            assertThat(received.get(0).getProps().getHeaders().get("aggregate-id")).asString().isEqualTo(order.toString());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                context.getBean(TestApps.RecordingHandler.class).aggregateIds().contains(order.toString()));
          });
    } finally {
      try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
        channel.exchangeDelete(exchange);
      }
    }
  }

  @Test
  void aRabbitMqSettingTheBuilderRefusesFailsStartupNamingTheProperty() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class)
        .withPropertyValues("message-driven.targets.rabbitmq.uri=" + BROKER,
            "message-driven.targets.rabbitmq.exchange=amq.reserved")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          while (!(failure instanceof InvalidConfigurationPropertyValueException) && failure.getCause() != null) {
            failure = failure.getCause();
          }
          assertThat(failure).isInstanceOf(InvalidConfigurationPropertyValueException.class);
          assertThat(((InvalidConfigurationPropertyValueException) failure).getName())
              .isEqualTo("message-driven.targets.rabbitmq.exchange");
          assertThat(failure).hasMessageContaining("names starting with amq. are reserved");
        });
  }

  @Test
  void withoutAUriThereIsNoRabbitMqTarget() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(RabbitMqHandler.class)
            .doesNotHaveBean(EventRoute.class));
  }
}
