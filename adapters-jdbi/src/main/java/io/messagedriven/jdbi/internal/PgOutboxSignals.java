package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.OutboxSignals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals through PostgreSQL {@code LISTEN/NOTIFY}: a trigger notifies {@value #CHANNEL} at the
 * commit of every transaction that inserts events. Each subscription holds one connection of its
 * own on a daemon thread, and re-establishes it with backoff when it drops. Commits of this
 * store's own transactions in this JVM are also signalled directly, without the round trip.
 */
public final class PgOutboxSignals implements OutboxSignals {
  static final String CHANNEL = "message_driven_events";
  private static final Logger log = LoggerFactory.getLogger(PgOutboxSignals.class);
  private static final int WAIT_MILLIS = 500;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Callable<Connection> connections;
  private final LocalCommits localCommits;

  PgOutboxSignals(Callable<Connection> connections, LocalCommits localCommits) {
    this.connections = connections;
    this.localCommits = localCommits;
  }

  @Override
  public Subscription subscribe(Runnable onAppend) {
    localCommits.add(onAppend);
    Listener listener = new Listener(onAppend);
    Thread thread = new Thread(listener, "message-driven-listen");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      localCommits.remove(onAppend);
      listener.running = false;
      thread.interrupt();
      listener.closeConnection();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  private final class Listener implements Runnable {
    private final Runnable onAppend;
    private volatile boolean running = true;
    private volatile Connection connection;

    Listener(Runnable onAppend) {
      this.onAppend = onAppend;
    }

    @Override
    public void run() {
      long backoffMillis = 100;
      while (running) {
        try {
          listen();
          backoffMillis = 100;
          onAppend.run(); // signals may have been missed while not listening
          while (running) {
            PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(WAIT_MILLIS);
            if (notifications != null && notifications.length > 0) {
              onAppend.run();
            }
          }
        } catch (SQLException | RuntimeException e) {
          if (!running) {
            break;
          }
          log.warn("listening for outbox signals failed, reconnecting in {} ms: {}", backoffMillis, e.toString());
          closeConnection();
          sleep(backoffMillis);
          backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
        }
      }
      closeConnection();
    }

    private void listen() throws SQLException {
      try {
        connection = connections.call();
      } catch (SQLException e) {
        throw e;
      } catch (Exception e) {
        throw new SQLException("cannot open a connection to listen on", e);
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + CHANNEL);
      }
    }

    void closeConnection() {
      Connection current = connection;
      connection = null;
      if (current != null) {
        try {
          current.close();
        } catch (SQLException ignored) {
          // already broken
        }
      }
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }
}
