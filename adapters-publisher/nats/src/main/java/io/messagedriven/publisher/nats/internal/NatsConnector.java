package io.messagedriven.publisher.nats.internal;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.time.Duration;

/**
 * One connection with its JetStream context, opened on first use and again once it is closed.
 * The client does not reconnect on its own: a lost connection fails what is in flight, the
 * publisher retries it, and the next batch connects again.
 */
public final class NatsConnector implements AutoCloseable {
  /** JetStream's answer when a stream is not found. */
  private static final int STREAM_NOT_FOUND = 10059;

  private final Options options;
  private final Duration ackTimeout;
  private final String streamToEnsure;
  private final String streamSubjects;
  private Connection connection;
  private JetStream jetStream;
  private boolean closed;

  /**
   * @param streamToEnsure a stream created on connect if missing, over {@code streamSubjects}, or null
   */
  public NatsConnector(Options options, Duration ackTimeout, String streamToEnsure, String streamSubjects) {
    this.options = options;
    this.ackTimeout = ackTimeout;
    this.streamToEnsure = streamToEnsure;
    this.streamSubjects = streamSubjects;
  }

  /** The JetStream context of an open connection. */
  public synchronized JetStream jetStream() throws IOException, InterruptedException, JetStreamApiException {
    if (closed) {
      throw new IllegalStateException("the NATS handler is closed");
    }
    if (connection != null && connection.getStatus() == Connection.Status.CONNECTED) {
      return jetStream;
    }
    closeQuietly(connection);
    connection = null;
    Connection opened = Nats.connect(options);
    try {
      if (streamToEnsure != null) {
        ensureStream(opened.jetStreamManagement());
      }
      jetStream = opened.jetStream(JetStreamOptions.builder().requestTimeout(ackTimeout).build());
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      closeQuietly(opened);
      throw e;
    }
    connection = opened;
    return jetStream;
  }

  /** The largest message (headers and body) the connected server takes, or 0 when not connected. */
  public synchronized long maxPayload() {
    return connection == null ? 0 : connection.getMaxPayload();
  }

  private void ensureStream(JetStreamManagement management) throws IOException, JetStreamApiException {
    try {
      management.getStreamInfo(streamToEnsure);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      management.addStream(StreamConfiguration.builder()
          .name(streamToEnsure)
          .subjects(streamSubjects)
          .storageType(StorageType.File)
          .build());
    }
  }

  private static void closeQuietly(Connection connection) throws InterruptedException {
    if (connection != null) {
      connection.close();
    }
  }

  @Override
  public void close() throws InterruptedException {
    Connection last;
    synchronized (this) {
      closed = true;
      last = connection;
      connection = null;
    }
    closeQuietly(last);
  }
}
