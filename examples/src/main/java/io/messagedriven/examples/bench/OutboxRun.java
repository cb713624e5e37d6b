package io.messagedriven.examples.bench;

import io.messagedriven.application.PublishingListener;
import io.messagedriven.application.RetryPolicy;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.Publisher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** One measured run: fill the outbox with bulk SQL, then drain it to a target with a publisher. */
final class OutboxRun {
  private static final Duration LIMIT = Duration.ofMinutes(5);

  private final String jdbcUrl;
  private final PostgresStore store;
  private final TenantId tenant;
  private final int batchSize;
  private final int workers;

  OutboxRun(String jdbcUrl, PostgresStore store, TenantId tenant, int batchSize, int workers) {
    this.jdbcUrl = jdbcUrl;
    this.store = store;
    this.tenant = tenant;
    this.batchSize = batchSize;
    this.workers = workers;
  }

  /** Appends {@code count} pending {@code User.created} events, one per aggregate, in one statement. */
  void fill(int count, String runId) throws SQLException {
    String sql = """
        insert into events (id, tenant_id, aggregate_type, aggregate_id, name, payload, headers, occurred_at)
        select gen_random_uuid(), ?, 'User', ? || g, 'User.created',
               json_build_object('userId', ? || g, 'email', 'user' || g || '@example.com', 'name', 'User ' || g),
               json_build_object('correlation-id', ? || g),
               now()
        from generate_series(1, ?) as g
        """;
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setObject(1, tenant.value());
      insert.setString(2, runId + "-");
      insert.setString(3, runId + "-");
      insert.setString(4, "corr-" + runId + "-");
      insert.setInt(5, count);
      insert.executeUpdate();
    }
  }

  /**
   * Publishes the outbox to {@code handler} until {@code count} events are published; returns
   * events per second.
   *
   * @throws IllegalStateException if an event fails or the run takes longer than 5 minutes
   */
  double drain(EventHandler handler, int count) throws InterruptedException {
    CountDownLatch published = new CountDownLatch(count);
    AtomicInteger retries = new AtomicInteger();
    AtomicReference<Failure> failure = new AtomicReference<>();
    Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(handler)
        .name("bench")
        .batchSize(batchSize)
        .workers(workers)
        .pollInterval(Duration.ofMillis(50))
        .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(100), Duration.ofSeconds(1)))
        .listener(new PublishingListener() {
          @Override
          public void published(ClaimedEvent event) {
            published.countDown();
          }

          @Override
          public void retried(ClaimedEvent event, Duration delay, Failure why) {
            retries.incrementAndGet();
            failure.compareAndSet(null, why);
          }

          @Override
          public void failed(ClaimedEvent event, Failure why) {
            failure.set(why);
          }
        })
        .build();
    long started = System.nanoTime();
    publisher.start();
    try {
      if (!published.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException((count - published.getCount()) + " of " + count + " published within " + LIMIT
            + "; " + retries + " retries, first failure: " + describe(failure.get()));
      }
      long elapsed = System.nanoTime() - started;
      if (retries.get() > 0) {
        System.out.println("    (" + retries + " attempts were retried: " + describe(failure.get()) + ")");
      }
      return count / (elapsed / 1e9);
    } finally {
      publisher.stop(Duration.ofSeconds(30));
    }
  }

  private static String describe(Failure failure) {
    return failure == null ? "none" : failure.errorClass() + ": " + failure.message();
  }
}
