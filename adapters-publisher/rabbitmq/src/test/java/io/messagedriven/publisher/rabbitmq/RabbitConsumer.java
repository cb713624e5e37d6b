package io.messagedriven.publisher.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer of a fresh exchange on this machine's RabbitMQ, recording every delivery. */
final class RabbitConsumer implements AutoCloseable {
  static final String URI = "amqp://guest:guest@127.0.0.1:5672";

  private final Connection connection;
  private final Channel channel;
  private final String exchange = "md-test-" + UUID.randomUUID();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  RabbitConsumer() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setUri(URI);
    connection = factory.newConnection("md-test-consumer");
    channel = connection.createChannel();
    channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
  }

  String exchange() {
    return exchange;
  }

  /** Binds a new queue with {@code pattern} and records what reaches it. */
  void bind(String pattern) throws Exception {
    String queue = channel.queueDeclare().getQueue();
    channel.queueBind(queue, exchange, pattern);
    channel.basicConsume(queue, true, (tag, delivery) -> deliveries.add(delivery), tag -> { });
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  List<String> messageIds() {
    return deliveries.stream().map(delivery -> delivery.getProperties().getMessageId()).toList();
  }

  static Map<String, String> headers(Delivery delivery) {
    Map<String, String> headers = new LinkedHashMap<>();
    delivery.getProperties().getHeaders().forEach((name, value) -> headers.put(name, String.valueOf(value)));
    return headers;
  }

  static String body(Delivery delivery) {
    return new String(delivery.getBody(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    channel.exchangeDelete(exchange);
    connection.close();
  }
}
