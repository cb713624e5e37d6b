package io.messagedriven.application.publishing;

import io.messagedriven.application.testing.InMemoryStore;
import io.messagedriven.application.testing.TestClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.testing.InMemoryStore.Row;
import io.messagedriven.application.testing.InMemoryStore.Status;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.TargetFailedException;
import io.messagedriven.application.port.TargetUnavailableException;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PublishingStepTest {
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration FIRST_DELAY = Duration.ofSeconds(1);
  /** No jitter drawn: delays are exactly the policy's. */
  private static final RandomGenerator NO_JITTER = () -> 0L;
  private static final RetryPolicy POLICY =
      RetryPolicy.DEFAULT.withMaxAttempts(3).withDelays(FIRST_DELAY, Duration.ofMinutes(1));

  private final TestClock clock = new TestClock();
  private final InMemoryStore store = new InMemoryStore(clock);
  private final Tenant acme = Tenant.create("acme", "Acme", clock);
  private final RecordingListener listener = new RecordingListener();

  @BeforeEach
  void tenant() {
    store.withoutTenant(tx -> {
      tx.tenants().add(acme);
      return null;
    });
  }

  private Event append(String aggregateId) {
    Event event = Event.raise(acme.id(), "User", aggregateId, "User.created", "{\"id\":\"" + aggregateId + "\"}",
        clock.instant());
    store.inTenant(acme.id(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  private PublishingStep step(EventHandler handler) {
    return step(handler, POLICY);
  }

  private PublishingStep step(EventHandler handler, RetryPolicy policy) {
    return new PublishingStep(store, handler, policy, listener, NO_JITTER);
  }

  private Status status(Event event) {
    return store.row(event.id()).status();
  }

  @Test
  void aHandledEventIsMarkedPublished() {
    Event first = append("1");
    Event second = append("2");
    List<Event> handled = new ArrayList<>();

    int claimed = step(handled::add).publishBatch("p1", 10, LEASE);

    assertThat(claimed).isEqualTo(2);
    assertThat(handled).extracting(Event::id).containsExactly(first.id(), second.id());
    assertThat(status(first)).isEqualTo(Status.PUBLISHED);
    assertThat(status(second)).isEqualTo(Status.PUBLISHED);
    assertThat(listener.claimed).singleElement().satisfies(batch ->
        assertThat(batch).extracting(c -> c.event().id()).containsExactly(first.id(), second.id()));
    assertThat(listener.published).extracting(c -> c.event().id()).containsExactly(first.id(), second.id());
    assertThat(listener.retried).isEmpty();
    assertThat(listener.failed).isEmpty();
  }

  @Test
  void anEmptyClaimDoesNothingAndTellsNoOne() {
    assertThat(step(event -> {}).publishBatch("p1", 10, LEASE)).isZero();

    assertThat(listener.claimed).isEmpty();
  }

  @Test
  void claimsNoMoreThanTheLimit() {
    append("1");
    append("2");
    append("3");

    assertThat(step(event -> {}).publishBatch("p1", 2, LEASE)).isEqualTo(2);
    assertThat(step(event -> {}).publishBatch("p1", 2, LEASE)).isEqualTo(1);
  }

  @Test
  void anUnavailableTargetSpendsNoAttemptAndTheEventIsDueAgainAtOnce() {
    Event event = append("1");
    PublishingStep step = step(e -> {
      throw new TargetUnavailableException("broker down");
    }, POLICY.withMaxAttempts(1));

    step.publishBatch("p1", 10, LEASE);
    step.publishBatch("p1", 10, LEASE);

    Row row = store.row(event.id());
    assertThat(row.status()).as("not failed, though every attempt of a one-attempt policy was tried")
        .isEqualTo(Status.PENDING);
    assertThat(row.attempts()).isZero();
    assertThat(row.nextAttemptAt()).isEqualTo(clock.instant());
    assertThat(listener.failed).isEmpty();
    assertThat(listener.retried).isEmpty();
  }

  @Test
  void aConnectionThatCannotBeMadeIsAnOutageWhateverWrapsIt() {
    Event event = append("1");
    PublishingStep step = step(e -> {
      throw new IllegalStateException("send failed", new java.net.ConnectException("Connection refused"));
    }, POLICY.withMaxAttempts(1));

    assertThat(step.handle(claim()).getClass()).isEqualTo(Outcome.Unavailable.class);
    assertThat(store.row(event.id()).status()).isEqualTo(Status.IN_FLIGHT);
  }

  @Test
  void aNonRetryableRefusalIsNeverAnOutage() {
    append("1");
    PublishingStep step = step(e -> {
      throw new NonRetryableException("malformed", new java.net.ConnectException("Connection refused"));
    });

    assertThat(step.handle(claim()).getClass()).isEqualTo(Outcome.Failed.class);
  }

  private ClaimedEvent claim() {
    return store.claim("p1", 1, LEASE, List.of()).get(0);
  }

  @Test
  void failedHandlerIsRetriedWithBackoff() {
    Event event = append("1");
    PublishingStep step = step(e -> {
      throw new IOException("broker timeout");
    });

    step.publishBatch("p1", 10, LEASE);

    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.nextAttemptAt()).isEqualTo(clock.instant().plus(FIRST_DELAY));
    assertThat(row.lastFailure().errorClass()).isEqualTo("java.io.IOException");
    assertThat(row.lastFailure().message()).isEqualTo("broker timeout");
    assertThat(listener.retried).singleElement().satisfies(retry -> {
      assertThat(retry.event().event().id()).isEqualTo(event.id());
      assertThat(retry.delay()).isEqualTo(FIRST_DELAY);
      assertThat(retry.failure()).isEqualTo(row.lastFailure());
    });

    assertThat(step.publishBatch("p1", 10, LEASE)).as("not due before its delay").isZero();
    clock.advance(FIRST_DELAY);
    step.publishBatch("p1", 10, LEASE);
    assertThat(listener.retried).extracting(r -> r.delay()).containsExactly(FIRST_DELAY, FIRST_DELAY.multipliedBy(2));
    assertThat(store.row(event.id()).attempts()).isEqualTo(2);
  }

  @Test
  void failsForGoodAfterMaxAttemptsKeepingTheError() {
    Event event = append("1");
    PublishingStep step = step(e -> {
      throw new IOException("broker timeout");
    });

    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(step.publishBatch("p1", 10, LEASE)).isEqualTo(1);
      clock.advance(Duration.ofMinutes(5));
    }

    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.FAILED);
    assertThat(row.attempts()).isEqualTo(3);
    assertFailure(row.lastFailure(), IOException.class, "broker timeout");
    assertThat(listener.retried).hasSize(2);
    assertThat(listener.failed).singleElement().satisfies(f -> assertThat(f.failure()).isEqualTo(row.lastFailure()));
    assertThat(step.publishBatch("p1", 10, LEASE)).isZero();
  }

  @Test
  void nonRetryableErrorFailsAtOnceKeepingClassMessageAndStackTrace() {
    Event event = append("1");

    step(e -> {
      throw new NonRetryableException("payload refused", new IllegalArgumentException("bad field"));
    }).publishBatch("p1", 10, LEASE);

    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.FAILED);
    assertThat(row.attempts()).isEqualTo(1);
    assertFailure(row.lastFailure(), NonRetryableException.class, "payload refused");
    assertThat(row.lastFailure().stackTrace()).contains("Caused by: java.lang.IllegalArgumentException: bad field");
    assertThat(listener.retried).isEmpty();
  }

  @Test
  void configuredNonRetryableTypeFailsAtOnce() {
    Event event = append("1");

    step(e -> {
      throw new IllegalArgumentException("no such topic");
    }, POLICY.withNonRetryable(Set.of(IllegalArgumentException.class))).publishBatch("p1", 10, LEASE);

    assertThat(status(event)).isEqualTo(Status.FAILED);
    assertFailure(store.row(event.id()).lastFailure(), IllegalArgumentException.class, "no such topic");
  }

  @Test
  void aThrownErrorThatIsNotAnExceptionIsAFailureToo() {
    Event event = append("1");

    step(e -> {
      throw new AssertionError("handler bug");
    }).publishBatch("p1", 10, LEASE);

    assertThat(status(event)).isEqualTo(Status.PENDING);
    assertThat(store.row(event.id()).lastFailure().errorClass()).isEqualTo("java.lang.AssertionError");
  }

  @Test
  void virtualMachineErrorsAreNotSwallowed() {
    append("1");
    PublishingStep step = step(e -> {
      throw new OutOfMemoryError("simulated");
    });
    List<ClaimedEvent> claimed = step.claim("p1", 10, LEASE);

    assertThatThrownBy(() -> step.handleAll(claimed)).isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void publishedAckThatChangesNothingIsReportedAsLeaseLost() {
    Event event = append("1");
    PublishingStep slow = step(e -> {});
    List<ClaimedEvent> stale = slow.claim("p1", 10, LEASE);
    clock.advance(LEASE.plusSeconds(1));
    List<ClaimedEvent> takenOver = store.claim("p2", 10, LEASE);

    slow.acknowledge(slow.handleAll(stale));

    assertThat(listener.leaseLost).extracting(c -> c.event().id()).containsExactly(event.id());
    assertThat(listener.published).isEmpty();
    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.IN_FLIGHT);
    assertThat(row.leaseToken()).isEqualTo(takenOver.get(0).leaseToken());
  }

  @Test
  void retryOrFailureAckThatChangesNothingIsReportedAsLeaseLost() {
    Event retried = append("1");
    Event failed = append("2");
    PublishingStep step = step(e -> {
      if (e.equals(failed)) {
        throw new NonRetryableException("refused");
      }
      throw new IOException("timeout");
    });
    List<ClaimedEvent> stale = step.claim("p1", 10, LEASE);
    clock.advance(LEASE);
    store.claim("p2", 10, LEASE);

    step.acknowledge(step.handleAll(stale));

    assertThat(listener.leaseLost).extracting(c -> c.event().id()).containsExactly(retried.id(), failed.id());
    assertThat(listener.retried).isEmpty();
    assertThat(listener.failed).isEmpty();
    assertThat(status(retried)).isEqualTo(Status.IN_FLIGHT);
    assertThat(status(failed)).isEqualTo(Status.IN_FLIGHT);
  }

  @Test
  void batchHandlerGetsTheWholeBatchInOneCallAndItsFailuresMapBack() {
    Event ok = append("1");
    Event refused = append("2");
    Event timedOut = append("3");
    List<List<Event>> calls = new ArrayList<>();
    BatchEventHandler handler = events -> {
      calls.add(events);
      return Map.of(
          refused.id(), new NonRetryableException("refused"),
          timedOut.id(), new IOException("timeout"));
    };

    step(handler).publishBatch("p1", 10, LEASE);

    assertThat(calls).singleElement().satisfies(call ->
        assertThat(call).extracting(Event::id).containsExactly(ok.id(), refused.id(), timedOut.id()));
    assertThat(status(ok)).isEqualTo(Status.PUBLISHED);
    assertThat(status(refused)).isEqualTo(Status.FAILED);
    assertThat(status(timedOut)).isEqualTo(Status.PENDING);
    assertThat(store.row(timedOut.id()).lastFailure().message()).isEqualTo("timeout");
  }

  @Test
  void aBatchHandlerThatThrowsFailsEveryEventOfTheBatch() {
    Event first = append("1");
    Event second = append("2");
    BatchEventHandler handler = events -> {
      throw new IOException("broker down");
    };

    step(handler).publishBatch("p1", 10, LEASE);

    assertThat(listener.retried).extracting(r -> r.event().event().id()).containsExactly(first.id(), second.id());
    assertThat(listener.retried).allSatisfy(r -> assertThat(r.failure().message()).isEqualTo("broker down"));
    assertThat(listener.published).isEmpty();
  }

  @Test
  void aBatchHandlerThatThrowsNonRetryableFailsEveryEventForGood() {
    Event first = append("1");
    Event second = append("2");
    BatchEventHandler handler = events -> {
      throw new NonRetryableException("misconfigured");
    };

    step(handler).publishBatch("p1", 10, LEASE);

    assertThat(status(first)).isEqualTo(Status.FAILED);
    assertThat(status(second)).isEqualTo(Status.FAILED);
  }

  @Test
  void aBatchOfOneStillReachesTheBatchHandler() {
    Event only = append("1");
    List<List<Event>> calls = new ArrayList<>();
    BatchEventHandler handler = events -> {
      calls.add(events);
      return Map.of(only.id(), new IOException("timeout"));
    };

    step(handler).publishBatch("p1", 10, LEASE);

    assertThat(calls).singleElement().satisfies(call -> assertThat(call).extracting(Event::id).containsExactly(only.id()));
    assertThat(status(only)).isEqualTo(Status.PENDING);
  }

  @Test
  void interruptedHandlerRestoresTheInterruptFlag() {
    Event event = append("1");
    PublishingStep step = step(e -> {
      throw new InterruptedException("stopping");
    });

    assertLeavesTheThreadInterrupted(() -> step.publishBatch("p1", 10, LEASE));

    assertThat(status(event)).isEqualTo(Status.PENDING);
    assertThat(store.row(event.id()).lastFailure().errorClass()).isEqualTo("java.lang.InterruptedException");
  }

  @Test
  void interruptedBatchHandlerRestoresTheInterruptFlagAndRetriesTheBatch() {
    append("1");
    append("2");
    BatchEventHandler handler = events -> {
      throw new InterruptedException("stopping");
    };

    assertLeavesTheThreadInterrupted(() -> step(handler).publishBatch("p1", 10, LEASE));

    assertThat(listener.retried).hasSize(2);
  }

  private Event appendTo(String aggregateId, int seq) {
    Event event = Event.raise(acme.id(), "User", aggregateId, "User.changed", "{\"seq\":" + seq + "}", clock.instant());
    store.inTenant(acme.id(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  @Test
  void anAggregatesRunIsHandledInWriteOrderBesideOtherAggregates() {
    List<Event> written = new ArrayList<>();
    for (int seq = 1; seq <= 3; seq++) {
      written.add(appendTo("a", seq));
      written.add(appendTo("b", seq));
    }
    List<String> handled = new ArrayList<>();

    int claimed = step(event -> handled.add(event.aggregateId() + event.payload())).publishBatch("p1", 10, LEASE);

    assertThat(claimed).isEqualTo(6);
    assertThat(handled).filteredOn(h -> h.startsWith("a"))
        .containsExactly("a{\"seq\":1}", "a{\"seq\":2}", "a{\"seq\":3}");
    assertThat(handled).filteredOn(h -> h.startsWith("b"))
        .containsExactly("b{\"seq\":1}", "b{\"seq\":2}", "b{\"seq\":3}");
    assertThat(written).allSatisfy(e -> assertThat(status(e)).isEqualTo(Status.PUBLISHED));
  }

  @Test
  void aRunStopsAtARetryAndItsLaterEventsAreGivenBackUnattemptedWhileOtherRunsGoOn() {
    Event a1 = appendTo("a", 1);
    Event a2 = appendTo("a", 2);
    Event a3 = appendTo("a", 3);
    Event b1 = appendTo("b", 1);
    Event b2 = appendTo("b", 2);
    List<Event> handled = new ArrayList<>();
    AtomicBoolean refuse = new AtomicBoolean(true);
    EventHandler failsA2 = event -> {
      handled.add(event);
      if (event.id().equals(a2.id()) && refuse.get()) {
        throw new IOException("a2 is refused");
      }
    };

    step(failsA2).publishBatch("p1", 10, LEASE);

    assertThat(handled).extracting(Event::id).doesNotContain(a3.id()).contains(a1.id(), a2.id(), b1.id(), b2.id());
    assertThat(status(a1)).isEqualTo(Status.PUBLISHED);
    assertThat(status(a2)).isEqualTo(Status.PENDING);
    assertThat(store.row(a2.id()).attempts()).isOne();
    assertThat(status(a3)).isEqualTo(Status.PENDING);
    assertThat(store.row(a3.id()).attempts()).as("given back, not attempted").isZero();
    assertThat(status(b2)).isEqualTo(Status.PUBLISHED);

    clock.advance(FIRST_DELAY);
    handled.clear();
    refuse.set(false);
    step(failsA2).publishBatch("p1", 10, LEASE);
    assertThat(handled).extracting(Event::id).as("the retry, then the rest of its run").containsExactly(a2.id(), a3.id());
    assertThat(status(a3)).isEqualTo(Status.PUBLISHED);
  }

  @Test
  void aBatchHandlerGetsAtMostOneEventOfEachAggregatePerCall() {
    for (int seq = 1; seq <= 4; seq++) {
      appendTo("a", seq);
      appendTo("b", seq);
    }
    appendTo("c", 1);
    List<List<String>> calls = new ArrayList<>();
    BatchEventHandler batches = events -> {
      calls.add(events.stream().map(e -> e.aggregateId() + e.payload()).toList());
      return Map.of();
    };

    step(batches).publishBatch("p1", 20, LEASE);

    assertThat(calls).hasSize(4);
    assertThat(calls).allSatisfy(call -> assertThat(call.stream().map(e -> e.charAt(0)).toList()).doesNotHaveDuplicates());
    assertThat(calls.get(0)).containsExactly("a{\"seq\":1}", "b{\"seq\":1}", "c{\"seq\":1}");
    assertThat(calls.get(3)).containsExactly("a{\"seq\":4}", "b{\"seq\":4}");
  }

  @Test
  void decideFollowsTheRetryPolicy() {
    append("1");
    PublishingStep step = step(e -> {}, POLICY.withMaxAttempts(1));
    ClaimedEvent claimed = step.claim("p1", 10, LEASE).get(0);

    assertThat(step.decide(claimed, new IOException("x"))).isInstanceOf(Outcome.Failed.class);
    assertThat(step(e -> {}).decide(claimed, new IOException("x")))
        .isInstanceOfSatisfying(Outcome.Retry.class, r -> assertThat(r.delay()).isEqualTo(FIRST_DELAY));
  }

  @Test
  void needsEveryCollaborator() {
    EventHandler handler = e -> {};
    assertThatThrownBy(() -> new PublishingStep(null, handler, POLICY, listener)).hasMessage("outbox");
    assertThatThrownBy(() -> new PublishingStep(store, null, POLICY, listener)).hasMessage("handler");
    assertThatThrownBy(() -> new PublishingStep(store, handler, null, listener)).hasMessage("retryPolicy");
    assertThatThrownBy(() -> new PublishingStep(store, handler, POLICY, null)).hasMessage("listener");
  }

  private static void assertLeavesTheThreadInterrupted(Runnable work) {
    try {
      work.run();
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private static void assertFailure(Failure failure, Class<? extends Throwable> type, String message) {
    assertThat(failure.errorClass()).isEqualTo(type.getName());
    assertThat(failure.message()).isEqualTo(message);
    assertThat(failure.stackTrace())
        .startsWith(type.getName() + ": " + message)
        .contains("at " + PublishingStepTest.class.getName());
  }

  /** Records what the step reports. */
  /** A handler with two targets, kafka and webhook, where the webhook refuses while {@code webhookDown}. */
  private static final class TwoTargets implements TargetedEventHandler {
    final List<Map<EventId, Set<String>>> calls = new ArrayList<>();
    final List<String> sends = new ArrayList<>();
    Exception webhookFailure;

    @Override
    public Map<EventId, Exception> handleAll(List<Event> events, Map<EventId, Set<String>> delivered) {
      calls.add(Map.copyOf(delivered));
      Map<EventId, Exception> failures = new HashMap<>();
      for (Event event : events) {
        Set<String> has = new TreeSet<>(delivered.getOrDefault(event.id(), Set.of()));
        for (String target : List.of("kafka", "webhook")) {
          if (has.contains(target)) {
            continue;
          }
          if (target.equals("webhook") && webhookFailure != null) {
            failures.put(event.id(), new TargetFailedException(target, has, webhookFailure));
            break;
          }
          sends.add(target);
          has.add(target);
        }
      }
      return failures;
    }
  }

  @Test
  void aRetryGoesOnlyToTheTargetsThatDoNotHaveTheEvent() {
    Event event = append("1");
    TwoTargets targets = new TwoTargets();
    targets.webhookFailure = new IOException("webhook timed out");
    PublishingStep step = step(targets);

    step.publishBatch("p1", 10, LEASE);
    Row afterFirst = store.row(event.id());
    targets.webhookFailure = null;
    clock.advance(FIRST_DELAY);
    step.publishBatch("p1", 10, LEASE);

    assertThat(afterFirst.status()).isEqualTo(Status.PENDING);
    assertThat(afterFirst.delivered()).containsExactly("kafka");
    assertThat(afterFirst.lastFailure().errorClass()).isEqualTo("java.io.IOException");
    assertThat(afterFirst.lastFailure().message()).isEqualTo("target webhook: webhook timed out");
    assertThat(targets.sends).containsExactly("kafka", "webhook");
    assertThat(targets.calls.get(1)).containsEntry(event.id(), Set.of("kafka"));
    assertThat(status(event)).isEqualTo(Status.PUBLISHED);
  }

  @Test
  void aTargetsRefusalIsDecidedOnItsCauseAndTheEventRecordsWhichTargetFailed() {
    Event event = append("1");
    TwoTargets targets = new TwoTargets();
    targets.webhookFailure = new NonRetryableException("410 Gone");

    step(targets).publishBatch("p1", 10, LEASE);

    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.FAILED);
    assertThat(row.delivered()).containsExactly("kafka");
    assertThat(row.lastFailure().errorClass()).isEqualTo(NonRetryableException.class.getName());
    assertThat(row.lastFailure().message()).isEqualTo("target webhook: 410 Gone");
  }

  @Test
  void anOutageOfOneTargetSpendsNoAttemptAndKeepsWhatTheOthersHave() {
    Event event = append("1");
    TwoTargets targets = new TwoTargets();
    targets.webhookFailure = new TargetUnavailableException("webhook answered 503");

    step(targets).publishBatch("p1", 10, LEASE);

    Row row = store.row(event.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.attempts()).isZero();
    assertThat(row.delivered()).containsExactly("kafka");
    assertThat(listener.retried).isEmpty();
  }

  @Test
  void aSingleEventStillReachesATargetedHandlerWithWhatItHas() {
    Event event = append("1");
    TwoTargets targets = new TwoTargets();
    targets.webhookFailure = new IOException("down");
    PublishingStep step = step(targets);
    step.publishBatch("p1", 10, LEASE);
    clock.advance(FIRST_DELAY);

    Outcome outcome = step.handle(step.claim("p1", 10, LEASE).get(0));

    assertThat(outcome).isInstanceOf(Outcome.Retry.class);
    assertThat(outcome.claimed().delivered()).containsExactly("kafka");
    assertThat(targets.sends).containsExactly("kafka");
    assertThat(targets.calls.get(1)).containsEntry(event.id(), Set.of("kafka"));
  }

  private static final class RecordingListener implements PublishingListener {
    record Retried(ClaimedEvent event, Duration delay, Failure failure) {}

    record Failed(ClaimedEvent event, Failure failure) {}

    final List<List<ClaimedEvent>> claimed = new ArrayList<>();
    final List<ClaimedEvent> published = new ArrayList<>();
    final List<Retried> retried = new ArrayList<>();
    final List<Failed> failed = new ArrayList<>();
    final List<ClaimedEvent> leaseLost = new ArrayList<>();

    @Override
    public void claimed(List<ClaimedEvent> events) {
      claimed.add(List.copyOf(events));
    }

    @Override
    public void published(ClaimedEvent event) {
      published.add(event);
    }

    @Override
    public void retried(ClaimedEvent event, Duration delay, Failure failure) {
      retried.add(new Retried(event, delay, failure));
    }

    @Override
    public void failed(ClaimedEvent event, Failure failure) {
      failed.add(new Failed(event, failure));
    }

    @Override
    public void leaseLost(ClaimedEvent event) {
      leaseLost.add(event);
    }
  }
}
