package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublisherIT {
  /** Every column of the one event; its array as text, so rows compare by value. */
  private static final String EVERY_COLUMN = "select (to_jsonb(e) - 'delivered_to')::text as row,"
      + " array_to_string(delivered_to, ',') as delivered from message_driven.events e";
  private OutboxFixture db;
  private final List<Publisher> publishers = new ArrayList<>();

  @BeforeEach
  void freshDatabase() {
    db = new OutboxFixture();
  }

  @AfterEach
  void stopAll() {
    publishers.forEach(p -> p.stop(Duration.ofSeconds(5)));
    db.close();
  }

  private Publisher start(Publisher.Builder builder) {
    Publisher publisher = builder.outbox(db.store.outbox()).build();
    publishers.add(publisher);
    publisher.start();
    return publisher;
  }

  @Test
  void routedEventEndsPublished() {
    TenantId tenant = new TenantId(db.tenant("acme"));
    Event placed = Event.raise(tenant, "Order", "o-1", "Order.placed", "{\"total\":42}", Clock.systemUTC().instant());
    db.store.transactions().inTenant(tenant, tx -> {
      tx.outbox().append(placed);
      return null;
    });
    List<Event> routed = new CopyOnWriteArrayList<>();

    start(Publisher.builder().handler(EventRouter.builder().route("Order.placed", routed::add).build()));

    Await.until("the event to be published", Duration.ofSeconds(10), () -> db.count("status = 'PUBLISHED'") == 1);
    assertThat(routed).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(placed.id()));
    assertThat(db.count("published_at is not null and lease_token is null")).isOne();
  }

  @Test
  void handlerThatThrowsLeavesTheEventFailedWithItsError() {
    db.append(db.tenant("acme"), 1, 1);

    start(Publisher.builder()
        .handler(event -> {
          throw new IllegalArgumentException("cannot handle " + event.name());
        })
        .retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(1)));

    Await.until("the event to fail", Duration.ofSeconds(10), () -> db.count("status = 'FAILED'") == 1);
    Map<String, Object> row = db.sql.withHandle(h -> h.createQuery("select * from message_driven.events").mapToMap().one());
    assertThat(row)
        .containsEntry("attempts", 1)
        .containsEntry("last_error_class", IllegalArgumentException.class.getName())
        .containsEntry("last_error_message", "cannot handle User.created");
    assertThat((String) row.get("last_error_stack")).contains("IllegalArgumentException").contains("\tat ");
    assertThat(row.get("published_at")).isNull();
  }

  @Test
  void aTargetThatHasAnEventIsNotSentItAgainWhileAnotherTargetRetriesIt() {
    db.append(db.tenant("acme"), 1, 1);
    List<String> kafka = new CopyOnWriteArrayList<>();
    AtomicInteger webhookCalls = new AtomicInteger();
    EventRouter router = EventRouter.builder()
        .route("*", "kafka", event -> kafka.add(event.aggregateId()))
        .route("*", "webhook", event -> {
          if (webhookCalls.incrementAndGet() < 3) {
            throw new IOException("webhook answered 500");
          }
        })
        .build();

    start(Publisher.builder().handler(router)
        .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(50), Duration.ofMillis(50))));

    Await.until("the event to be published", Duration.ofSeconds(10), () -> db.count("status = 'PUBLISHED'") == 1);
    assertThat(webhookCalls).hasValue(3);
    assertThat(kafka).as("kafka had it after the first attempt").hasSize(1);
    assertThat(db.count("delivered_to = array['kafka']")).isOne();
  }

  @Test
  void anEventFailedByOneTargetRecordsWhichTargetAndWhichOthersHaveIt() {
    db.append(db.tenant("acme"), 1, 1);
    EventRouter router = EventRouter.builder()
        .route("*", "rabbitmq", event -> { })
        .route("*", "kafka", event -> { })
        .route("*", "nats", event -> {
          throw new NonRetryableException("payload size exceeds the server's max_payload");
        })
        .build();

    start(Publisher.builder().handler(router));

    Await.until("the event to fail", Duration.ofSeconds(10), () -> db.count("status = 'FAILED'") == 1);
    Map<String, Object> row = db.sql.withHandle(h -> h.createQuery(
        "select last_error_class, last_error_message, array_to_string(delivered_to, ',') as delivered"
            + " from message_driven.events").mapToMap().one());
    assertThat(row)
        .containsEntry("last_error_class", NonRetryableException.class.getName())
        .containsEntry("last_error_message", "target nats: payload size exceeds the server's max_payload")
        .containsEntry("delivered", "kafka,rabbitmq");
  }

  @Test
  void aHandlerStillRunningWhenItsLeaseEndsSendsNothingMoreAndTheEventIsDeliveredOnceByTheNextClaim() {
    db.append(db.tenant("acme"), 1, 1);
    AtomicInteger slowCalls = new AtomicInteger();
    List<Instant> laterSends = new CopyOnWriteArrayList<>();
    EventRouter router = EventRouter.builder()
        .route("*", "slow", event -> {
          if (slowCalls.incrementAndGet() == 1) {
            Thread.sleep(1_500);  // past the 1 s lease
            throw new IOException("slow target timed out");
          }
        })
        .route("*", "later", event -> laterSends.add(Instant.now()))
        .build();

    start(Publisher.builder().handler(router).lease(Duration.ofSeconds(1))
        .retryPolicy(RetryPolicy.DEFAULT.withDelays(Duration.ofMillis(50), Duration.ofMillis(50))));

    Await.until("the event to be published", Duration.ofSeconds(15), () -> db.count("status = 'PUBLISHED'") == 1);
    assertThat(slowCalls).hasValueGreaterThanOrEqualTo(2);
    assertThat(laterSends).as("not sent by the overrun attempt, once by the next").hasSize(1);
  }

  @Test
  void unroutedEventIsNeverMarkedPublished() {
    db.append(db.tenant("acme"), 1, 1);

    start(Publisher.builder().handler(EventRouter.builder().route("Order.*", event -> { }).build()));

    Await.until("the event to fail", Duration.ofSeconds(10), () -> db.count("status = 'FAILED'") == 1);
    assertThat(db.count("status = 'PUBLISHED'")).isZero();
    assertThat(db.count("last_error_class = '" + NoRouteException.class.getName() + "'")).isOne();
  }

  @Test
  void fourPublishersDrainAHundredThousandEventsHandlingEachOnce() {
    int events = 100_000;
    db.append(db.tenant("acme"), events, 1);
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    EventHandler counting = event -> handled.computeIfAbsent(event.id().toString(), id -> new AtomicInteger()).incrementAndGet();

    for (int i = 0; i < 4; i++) {
      start(Publisher.builder().handler(counting).name("drain-" + i).workers(3).batchSize(250));
    }

    Await.until("every event to be published", Duration.ofSeconds(120), () -> db.count("status = 'PUBLISHED'") == events);
    assertThat(handled).hasSize(events);
    assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isOne());
  }

  @Test
  void failingEventIsRetriedWithGrowingDelaysThenFailedWhileOtherAggregatesFlow() {
    db.append(db.tenant("acme"), 30, 1);
    List<Long> attempts = new CopyOnWriteArrayList<>();
    AtomicInteger othersDone = new AtomicInteger();
    List<Integer> othersDoneAtEachAttempt = new CopyOnWriteArrayList<>();
    EventHandler handler = event -> {
      if (event.aggregateId().equals("agg-1")) {
        attempts.add(System.nanoTime());
        othersDoneAtEachAttempt.add(othersDone.get());
        throw new IllegalStateException("agg-1 is down");
      }
      othersDone.incrementAndGet();
    };

    start(Publisher.builder().handler(handler).pollInterval(Duration.ofMillis(20))
        .retryPolicy(new RetryPolicy(4, Duration.ofMillis(150), Duration.ofSeconds(5), 2.0, 0.0, Set.of())));

    Await.until("agg-1 to fail", Duration.ofSeconds(20), () -> db.count("status = 'FAILED'") == 1);
    assertThat(attempts).hasSize(4);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < attempts.size(); i++) {
      gaps.add(TimeUnit.NANOSECONDS.toMillis(attempts.get(i) - attempts.get(i - 1)));
    }
    assertThat(gaps.get(0)).isGreaterThanOrEqualTo(150);
    assertThat(gaps.get(1)).isGreaterThanOrEqualTo(300).isGreaterThan(gaps.get(0));
    assertThat(gaps.get(2)).isGreaterThanOrEqualTo(600).isGreaterThan(gaps.get(1));
    assertThat(othersDoneAtEachAttempt.get(othersDoneAtEachAttempt.size() - 1))
        .as("the other aggregates were published while agg-1 was retrying").isEqualTo(29);
    assertThat(db.count("status = 'PUBLISHED'")).isEqualTo(29);
    assertThat(db.count("status = 'FAILED' and attempts = 4 and last_error_message = 'agg-1 is down'")).isOne();
  }

  /** One handling of an event: which aggregate, which sequence number, and when. */
  private record Handling(String aggregate, int seq, long start, long end) {}

  @Test
  void eachAggregateIsHandledInWriteOrderAndNeverTwiceAtOnceAcrossPublishers() {
    assertHandledInWriteOrderAcrossThreePublishers(40, 25, 0);
  }

  @Test
  void retriesInTheMiddleOfDeepAggregatesKeepTheirWriteOrderAcrossPublishers() {
    assertHandledInWriteOrderAcrossThreePublishers(6, 120, 10);
  }

  /**
   * Three publishers drain {@code aggregates} of {@code perAggregate} events each; a handler
   * refuses the first attempt of every {@code failEvery}-th event (0: none), so runs claimed
   * whole stop in the middle. Each aggregate's events must be published in write order, every
   * attempt starting after the one before it ended.
   */
  private void assertHandledInWriteOrderAcrossThreePublishers(int aggregates, int perAggregate, int failEvery) {
    db.append(db.tenant("acme"), aggregates, perAggregate);
    List<Handling> handlings = Collections.synchronizedList(new ArrayList<>());
    List<Handling> attempts = Collections.synchronizedList(new ArrayList<>());
    Set<String> refusedOnce = ConcurrentHashMap.newKeySet();
    EventHandler recording = event -> {
      long start = System.nanoTime();
      Thread.sleep(ThreadLocal_random(2));
      int seq = Integer.parseInt(event.payload().replaceAll(".*\"seq\"\\s*:\\s*(\\d+).*", "$1"));
      boolean refuse = failEvery > 0 && (seq * 7 + event.aggregateId().hashCode()) % failEvery == 0
          && refusedOnce.add(event.id().toString());
      attempts.add(new Handling(event.aggregateId(), seq, start, System.nanoTime()));
      if (refuse) {
        throw new IOException("refused once: " + event.aggregateId() + " " + seq);
      }
      handlings.add(new Handling(event.aggregateId(), seq, start, System.nanoTime()));
    };

    for (int i = 0; i < 3; i++) {
      start(Publisher.builder().handler(recording).name("order-" + i).workers(4).batchSize(20)
          .pollInterval(Duration.ofMillis(20))
          .retryPolicy(new RetryPolicy(5, Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.0, Set.of())));
    }

    Await.until("every event to be published", Duration.ofSeconds(90),
        () -> db.count("status = 'PUBLISHED'") == aggregates * perAggregate);
    assertThat(handlings).hasSize(aggregates * perAggregate);
    if (failEvery > 0) {
      assertThat(refusedOnce).as("some attempts were refused").isNotEmpty();
    }
    assertInStartOrder(handlings, aggregates, (aggregate, list) ->
        assertThat(list).extracting(Handling::seq).as(aggregate).isSorted().doesNotHaveDuplicates().hasSize(perAggregate));
    assertInStartOrder(attempts, aggregates, (aggregate, list) -> {
      for (int i = 1; i < list.size(); i++) {
        assertThat(list.get(i).start()).as("%s attempt %d starts after %d ended", aggregate, i + 1, i)
            .isGreaterThanOrEqualTo(list.get(i - 1).end());
      }
    });
  }

  private static void assertInStartOrder(
      List<Handling> handlings, int aggregates, BiConsumer<String, List<Handling>> check) {
    Map<String, List<Handling>> byAggregate = new TreeMap<>();
    List<Handling> inStartOrder = new ArrayList<>(handlings);
    inStartOrder.sort((a, b) -> Long.compare(a.start(), b.start()));
    inStartOrder.forEach(h -> byAggregate.computeIfAbsent(h.aggregate(), a -> new ArrayList<>()).add(h));
    assertThat(byAggregate).hasSize(aggregates);
    byAggregate.forEach(check);
  }

  private static long ThreadLocal_random(int maxMillis) {
    return java.util.concurrent.ThreadLocalRandom.current().nextInt(maxMillis + 1);
  }

  @Test
  void stalledPublisherLosesItsLeaseAndItsLateAcknowledgementChangesNothing() throws Exception {
    db.append(db.tenant("acme"), 1, 1);
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<ClaimedEvent> lost = new CopyOnWriteArrayList<>();
    PublishingListener lostLeases = new PublishingListener() {
      @Override
      public void leaseLost(ClaimedEvent event) {
        lost.add(event);
      }
    };
    start(Publisher.builder().name("slow").lease(Duration.ofSeconds(1)).listener(lostLeases).handler(event -> {
      stalled.countDown();
      release.await(20, TimeUnit.SECONDS);
    }));
    assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();

    Publisher fast = start(Publisher.builder().name("fast").pollInterval(Duration.ofMillis(50)).handler(event -> { }));
    Await.until("the fast publisher to take the event over", Duration.ofSeconds(10),
        () -> db.count("status = 'PUBLISHED'") == 1);
    Map<String, Object> published = db.sql.withHandle(h -> h.createQuery(EVERY_COLUMN).mapToMap().one());
    release.countDown();

    Await.until("the slow publisher to report its lost lease", Duration.ofSeconds(10), () -> lost.size() == 1);
    Map<String, Object> after = db.sql.withHandle(h -> h.createQuery(EVERY_COLUMN).mapToMap().one());
    assertThat(after).isEqualTo(published);
    assertThat((String) after.get("row")).contains("\"attempts\": 2");
    assertThat(fast.owner()).startsWith("fast-");
  }

  @Test
  void publisherSurvivesItsConnectionsBeingKilledMidDrain() throws Exception {
    int events = 20_000;
    db.append(db.tenant("acme"), events, 1);
    Set<String> handled = ConcurrentHashMap.newKeySet();

    start(Publisher.builder().handler(event -> handled.add(event.id().toString())).batchSize(100)
        .pollInterval(Duration.ofMillis(50)));
    for (int i = 0; i < 5; i++) {
      Thread.sleep(250);
      db.sql.useHandle(h -> h.createQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity "
          + "where datname = current_database() and pid <> pg_backend_pid()").mapTo(Integer.class).one());
    }

    Await.until("every event to be published", Duration.ofSeconds(90), () -> db.count("status = 'PUBLISHED'") == events);
    assertThat(handled).hasSize(events);
  }

  @Test
  void stopFinishesRunningHandlersAndGivesBackEventsNotStarted() throws Exception {
    db.append(db.tenant("acme"), 10, 1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    Publisher publisher = start(Publisher.builder().workers(1).batchSize(10).handler(event -> {
      started.countDown();
      Thread.sleep(300);
      finished.incrementAndGet();
    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(publisher.stop(Duration.ofSeconds(5))).isTrue();

    assertThat(publisher.isRunning()).isFalse();
    assertThat(finished.get()).isPositive();
    assertThat(db.count("status = 'PUBLISHED'")).isEqualTo(finished.get());
    assertThat(db.count("status = 'PENDING' and attempts = 0 and lease_token is null")).isEqualTo(10 - finished.get());
    assertThat(db.count("status = 'IN_FLIGHT'")).isZero();
  }

  @Test
  void eventsWaitingInTheQueueAreNotHandledAfterTheirLeaseCouldHaveBeenTakenOver() {
    int events = 60;
    db.append(db.tenant("acme"), events, 1);
    Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    EventHandler slow = event -> {
      handled.computeIfAbsent(event.id().toString(), id -> new AtomicInteger()).incrementAndGet();
      Thread.sleep(200);
    };

    for (int i = 0; i < 2; i++) {
      start(Publisher.builder().handler(slow).name("slow-" + i).batchSize(20).workers(2)
          .lease(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)));
    }

    Await.until("every event to be published", Duration.ofSeconds(60), () -> db.count("status = 'PUBLISHED'") == events);
    assertThat(handled).hasSize(events);
    assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).as("handled once").isOne());
  }

  @Test
  void anErrorEscapingTheHandlerGivesTheEventBackInsteadOfStrandingIt() {
    db.append(db.tenant("acme"), 1, 1);
    AtomicInteger calls = new AtomicInteger();

    start(Publisher.builder().pollInterval(Duration.ofMillis(50)).handler(event -> {
      if (calls.incrementAndGet() == 1) {
        throw new StackOverflowError("deep recursion in a handler");
      }
    }));

    Await.until("the event to be published on the second call", Duration.ofSeconds(10),
        () -> db.count("status = 'PUBLISHED'") == 1);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void anErrorMessageTheDatabaseCannotStoreDoesNotHoldUpOtherOutcomes() {
    db.append(db.tenant("acme"), 20, 1);

    start(Publisher.builder().retryPolicy(RetryPolicy.DEFAULT.withMaxAttempts(1)).handler(event -> {
      if (event.aggregateId().equals("agg-1")) {
        throw new IllegalStateException("bad \u0000 byte");
      }
    }));

    Await.until("the others to be published", Duration.ofSeconds(10), () -> db.count("status = 'PUBLISHED'") == 19);
    Await.until("agg-1 to be failed", Duration.ofSeconds(10), () -> db.count("status = 'FAILED'") == 1);
    assertThat(db.count("last_error_message = 'bad \uFFFD byte'")).isOne();
  }

  @Test
  void stopDoesNotInterruptARunningHandlerNorCountItAsAFailedAttempt() throws Exception {
    db.append(db.tenant("acme"), 1, 1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    Publisher publisher = start(Publisher.builder().handler(event -> {
      started.countDown();
      try {
        Thread.sleep(4_000);
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
      }
    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(publisher.stop(Duration.ofMillis(200))).as("the handler was still running").isFalse();

    assertThat(db.count("status = 'IN_FLIGHT' and last_error_class is null")).as("left to its lease").isOne();
    Thread.sleep(2_500);
    assertThat(interrupted.get()).isZero();
  }

  @Test
  void theNextEventOfAnAggregateFollowsItsAcknowledgementWithoutWaitingForAPoll() {
    db.append(db.tenant("acme"), 1, 8);

    start(Publisher.builder().handler(event -> { }).pollInterval(Duration.ofMinutes(1)));

    Await.until("all 8 events of the aggregate, well within one poll interval", Duration.ofSeconds(10),
        () -> db.count("status = 'PUBLISHED'") == 8);
  }

  @Test
  void publisherPurgesEventsPublishedLongerAgoThanItKeepsThem() {
    db.append(db.tenant("acme"), 3, 1);
    db.sql.useHandle(h -> h.execute("update message_driven.events set status = 'PUBLISHED', published_at = now() - interval '2 days' "
        + "where aggregate_id = 'agg-1'"));
    db.sql.useHandle(h -> h.execute("update message_driven.events set status = 'PUBLISHED', published_at = now() - interval '1 hour' "
        + "where aggregate_id = 'agg-2'"));

    start(Publisher.builder().handler(event -> { }).keepPublished(Duration.ofDays(1)));

    Await.until("the old event to be purged", Duration.ofSeconds(10), () -> db.count("aggregate_id = 'agg-1'") == 0);
    Await.until("the pending event to be published", Duration.ofSeconds(10), () -> db.count("status = 'PUBLISHED'") == 2);
  }

  @Test
  void aCommitWakesAnIdlePublisherAtOnce() throws Exception {
    UUID tenant = db.tenant("acme");
    CountDownLatch handled = new CountDownLatch(1);
    start(Publisher.builder().signals(db.store.signals()).pollInterval(Duration.ofMinutes(1))
        .handler(event -> handled.countDown()));
    Thread.sleep(1_500); // the first poll has passed and the publisher idles on its long interval

    db.append(tenant, 1, 1);

    assertThat(handled.await(3, TimeUnit.SECONDS)).as("handled long before the next poll").isTrue();
  }

  @Test
  void anAppendCommittedBesideANotifyingCommitIsPublishedWithinAPollIntervalWithoutANotification() throws Exception {
    UUID tenant = db.tenant("acme");
    CountDownLatch handled = new CountDownLatch(1);
    Duration poll = Duration.ofSeconds(2);
    start(Publisher.builder().signals(db.store.signals()).pollInterval(poll).handler(event -> handled.countDown()));
    Thread.sleep(500);

    try (Handle open = db.sql.open()) {
      open.begin();
      // What a committing transaction holds while it notifies (changelog 090): hold it here.
      open.execute("select pg_advisory_xact_lock(28004, ('message_driven.events'::regclass::oid::bigint - 2147483648)::int)");
      db.append(tenant, 1, 1); // commits while another commit would notify: it does not

      assertThat(handled.await(poll.toMillis() + 1_500, TimeUnit.MILLISECONDS))
          .as("found by the next poll at the latest (OutboxIT shows no notification is sent)").isTrue();
      open.rollback();
    }
  }
}
