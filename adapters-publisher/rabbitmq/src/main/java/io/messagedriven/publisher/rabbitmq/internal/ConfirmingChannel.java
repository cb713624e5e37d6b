package io.messagedriven.publisher.rabbitmq.internal;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A channel in confirm mode whose publishes each get a future: completed by the broker's ack
 * (with why the message was returned, if it was: mandatory and unroutable), failed by a nack or
 * the channel's shutdown.
 *
 * <p>The broker sends a return before the ack of the same message, and the client calls both
 * listeners on its connection thread in that order, so a returned message is known when its ack
 * arrives.
 */
public final class ConfirmingChannel {
  private record Pending(String messageId, CompletableFuture<String> ack) {}

  private final Channel channel;
  private final NavigableMap<Long, Pending> outstanding = new ConcurrentSkipListMap<>();
  private final Map<String, String> returned = new ConcurrentHashMap<>();

  private ConfirmingChannel(Channel channel) {
    this.channel = channel;
  }

  /** A new channel of {@code connection}, in confirm mode. */
  public static ConfirmingChannel open(Connection connection) throws IOException {
    Channel channel = connection.createChannel();
    ConfirmingChannel confirming = new ConfirmingChannel(channel);
    channel.confirmSelect();
    channel.addConfirmListener(
        (tag, multiple) -> confirming.confirmed(tag, multiple, true),
        (tag, multiple) -> confirming.confirmed(tag, multiple, false));
    channel.addReturnListener(confirming::returned);
    channel.addShutdownListener(confirming::shutDown);
    return confirming;
  }

  /**
   * Publishes with the mandatory flag. The future completes when the broker confirms: with null
   * if the message was routed, with the broker's reason if it came back unroutable.
   */
  public CompletableFuture<String> publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body)
      throws IOException {
    long sequence = channel.getNextPublishSeqNo();
    CompletableFuture<String> ack = new CompletableFuture<>();
    outstanding.put(sequence, new Pending(properties.getMessageId(), ack));
    try {
      channel.basicPublish(exchange, routingKey, true, properties, body);
    } catch (IOException | RuntimeException e) {
      outstanding.remove(sequence);
      throw e;
    }
    return ack;
  }

  private void returned(Return message) {
    returned.put(String.valueOf(message.getProperties().getMessageId()),
        message.getReplyCode() + " " + message.getReplyText() + " (exchange " + message.getExchange()
            + ", routing key " + message.getRoutingKey() + ")");
  }

  private void confirmed(long tag, boolean multiple, boolean ack) {
    Map<Long, Pending> done = multiple ? outstanding.headMap(tag, true) : subMap(tag);
    for (Long sequence : done.keySet().toArray(Long[]::new)) {
      Pending pending = outstanding.remove(sequence);
      if (pending == null) {
        continue;
      }
      String returnedBecause = returned.remove(String.valueOf(pending.messageId()));
      if (!ack) {
        pending.ack().completeExceptionally(new IOException("RabbitMQ refused (nack) message " + pending.messageId()));
      } else {
        pending.ack().complete(returnedBecause);
      }
    }
  }

  private Map<Long, Pending> subMap(long tag) {
    return outstanding.subMap(tag, true, tag, true);
  }

  private void shutDown(ShutdownSignalException cause) {
    for (Long sequence : outstanding.keySet().toArray(Long[]::new)) {
      Pending pending = outstanding.remove(sequence);
      if (pending != null) {
        pending.ack().completeExceptionally(cause);
      }
    }
  }

  /** Whether it is open with no publish awaiting its confirm: fit to lend again. */
  public boolean reusable() {
    return channel.isOpen() && outstanding.isEmpty();
  }

  /** Closes the channel; anything unconfirmed fails. */
  public void close() {
    try {
      channel.abort();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
    shutDown(new ShutdownSignalException(false, true, null, channel));
  }
}
