package io.messagedriven.jdbi.internal;

import io.messagedriven.application.port.OutboxSignals;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import io.messagedriven.domain.EventId;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals through PostgreSQL {@code LISTEN/NOTIFY}: a trigger notifies {@value #CHANNEL} at the
 * commit of every transaction that inserts events (changelogs 090 and 110). Each subscription
 * holds one connection of its own on a daemon thread, and re-establishes it with backoff when it
 * drops. Commits of this store's own transactions in this JVM are also signalled directly,
 * without the round trip, with the ids of the events they appended.
 *
 * <p>A subscriber that takes those ids hears of them only that way: a notification whose payload
 * is this store's origin (a commit this store saw return) is dropped instead of waking it a
 * second time for a claim that would find nothing. Such a notification may have stood for
 * transactions that committed beside it without notifying (see changelog 090); their events are
 * found by the claim that follows the acknowledgements of the events claimed by id, by a claim
 * another notification wakes, or at the latest by the next poll.
 */
public final class PgOutboxSignals implements OutboxSignals {
  static final String CHANNEL = "message_driven_events";
  private static final Logger log = LoggerFactory.getLogger(PgOutboxSignals.class);
  private static final int WAIT_MILLIS = 500;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Callable<Connection> connections;
  private final LocalCommits localCommits;
  private final String origin;

  PgOutboxSignals(Callable<Connection> connections, LocalCommits localCommits, String origin) {
    this.connections = connections;
    this.localCommits = localCommits;
    this.origin = origin;
  }

  @Override
  public Subscription subscribe(Runnable onAppend) {
    return subscribe(onAppend, null, ids -> onAppend.run());
  }

  @Override
  public Subscription subscribe(Runnable onAppend, Consumer<List<EventId>> onCommitHere) {
    Objects.requireNonNull(onCommitHere, "onCommitHere");
    return subscribe(onAppend, origin, ids -> {
      if (ids.isEmpty()) {
        onAppend.run(); // too many to claim by id
      } else {
        onCommitHere.accept(ids);
      }
    });
  }

  /** {@code echo}: the payload of notifications to drop (already told of locally), or null. */
  private Subscription subscribe(Runnable onAppend, String echo, Consumer<List<EventId>> local) {
    Objects.requireNonNull(onAppend, "onAppend");
    localCommits.add(local);
    Listener listener = new Listener(onAppend, echo);
    Thread thread = new Thread(listener, "message-driven-listen");
    thread.setDaemon(true);
    thread.start();
    return () -> {
      localCommits.remove(local);
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
    private final String echo;
    private volatile boolean running = true;
    private volatile Connection connection;

    Listener(Runnable onAppend, String echo) {
      this.onAppend = onAppend;
      this.echo = echo;
    }

    private boolean news(PGNotification[] notifications) {
      if (notifications == null) {
        return false;
      }
      for (PGNotification notification : notifications) {
        if (!notification.getParameter().equals(echo)) {
          return true;
        }
      }
      return false;
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
            if (news(notifications)) {
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
