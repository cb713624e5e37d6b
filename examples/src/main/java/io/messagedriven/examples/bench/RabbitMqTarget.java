package io.messagedriven.examples.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.rabbitmq.RabbitMqHandler;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * RabbitMQ: a fresh durable topic exchange with a queue bound to {@code #}, durable (persistent
 * messages are written to disk before they are confirmed) or transient (kept in memory).
 */
final class RabbitMqTarget extends BenchTarget {
  private final String exchange = "md-bench-" + UUID.randomUUID();
  private final Connection connection;
  private final Channel admin;
  private final String queue;
  private final RabbitMqHandler handler;
  private final ThreadLocal<Channel> channels;

  RabbitMqTarget(String uri, boolean durableQueue) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(uri);
    connection = factory.newConnection("md-bench-direct");
    admin = connection.createChannel();
    admin.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
    queue = admin.queueDeclare(exchange, durableQueue, false, false, null).getQueue();
    admin.queueBind(queue, exchange, "#");
    handler = RabbitMqHandler.builder().uri(uri).exchange(exchange).build();
    channels = ThreadLocal.withInitial(() -> {
      try {
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        return channel;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @Override
  String name() {
    return "rabbitmq";
  }

  @Override
  EventHandler handler() {
    return handler;
  }

  @Override
  void sendWindow(int from, int size) throws Exception {
    Channel channel = channels.get();
    for (int i = from; i < from + size; i++) {
      String id = id();
      AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
          .contentType("application/json").deliveryMode(2).messageId(id)
          .headers(new LinkedHashMap<>(headers(i, id))).build();
      channel.basicPublish(exchange, "User.created", true, properties, body(i));
    }
    channel.waitForConfirmsOrDie(30_000);
  }

  @Override
  public void close() throws Exception {
    handler.close();
    admin.queueDelete(queue);
    admin.exchangeDelete(exchange);
    connection.close();
  }
}
