package io.messagedriven.publisher.rabbitmq.internal;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;

/**
 * One connection, opened on first use and again after it is lost, and its confirming channels,
 * one lent to each batch at a time. The client's own recovery is off: a lost connection fails
 * what is in flight, and the publisher retries it.
 */
public final class ChannelPool implements AutoCloseable {
  private final ConnectionFactory factory;
  private final String connectionName;
  private final String exchangeToDeclare;
  private final ConcurrentLinkedQueue<ConfirmingChannel> idle = new ConcurrentLinkedQueue<>();
  private Connection connection;
  private boolean closed;

  /**
   * @param exchangeToDeclare a durable topic exchange declared on each new connection, or null
   */
  public ChannelPool(ConnectionFactory factory, String connectionName, String exchangeToDeclare) {
    this.factory = factory;
    this.connectionName = connectionName;
    this.exchangeToDeclare = exchangeToDeclare;
  }

  /** An idle channel, or a new one (on a new connection if the last one was lost). */
  public ConfirmingChannel borrow() throws IOException, TimeoutException {
    ConfirmingChannel channel;
    while ((channel = idle.poll()) != null) {
      if (channel.reusable()) {
        return channel;
      }
      channel.close();
    }
    return ConfirmingChannel.open(connection());
  }

  /** Takes a channel back if it can serve another batch, or closes it. */
  public void giveBack(ConfirmingChannel channel) {
    if (channel.reusable() && !isClosed()) {
      idle.offer(channel);
    } else {
      channel.close();
    }
  }

  private synchronized Connection connection() throws IOException, TimeoutException {
    if (closed) {
      throw new IllegalStateException("the RabbitMQ handler is closed");
    }
    if (connection != null && connection.isOpen()) {
      return connection;
    }
    abort(connection);
    Connection opened = factory.newConnection(connectionName);
    try {
      if (exchangeToDeclare != null) {
        try (Channel channel = opened.createChannel()) {
          channel.exchangeDeclare(exchangeToDeclare, BuiltinExchangeType.TOPIC, true);
        }
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      abort(opened);
      throw e;
    }
    connection = opened;
    return opened;
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  private static void abort(Connection connection) {
    if (connection != null) {
      connection.abort(1_000);
    }
  }

  @Override
  public void close() {
    Connection last;
    synchronized (this) {
      closed = true;
      last = connection;
      connection = null;
    }
    ConfirmingChannel channel;
    while ((channel = idle.poll()) != null) {
      channel.close();
    }
    if (last != null && last.isOpen()) {
      try {
        last.close(5_000);
      } catch (IOException | RuntimeException e) {
        abort(last);
      }
    }
  }
}
