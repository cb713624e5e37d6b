package io.messagedriven.application.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.PageRequest;
import io.messagedriven.application.operations.port.Batch;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.operations.port.MinuteCount;
import io.messagedriven.application.operations.port.PublisherRow;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperationsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:30:45Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Operations on(UnexpectedPort port) {
    return new Operations(port, CLOCK, Duration.ofSeconds(30));
  }

  @Test
  void statusSumsTheTenantsAndTakesTheLargestLag() {
    TenantId a = TenantId.random();
    TenantId b = TenantId.random();
    Operations operations = on(new UnexpectedPort() {
      @Override
      public List<TenantCounts> counts(TenantId tenant) {
        return List.of(new TenantCounts(a, "a", 1, 2, 3, 4, Duration.ofSeconds(5), false),
            new TenantCounts(b, "b", 10, 20, 30, 40, Duration.ofSeconds(50), true));
      }
    });

    StatusReport report = operations.status(null);

    assertThat(List.of(report.pending(), report.inFlight(), report.published(), report.failed()))
        .containsExactly(11L, 22L, 33L, 44L);
    assertThat(report.lag()).isEqualTo(Duration.ofSeconds(50));
    assertThat(report.total()).isEqualTo(110);
  }

  @Test
  void anUnknownTenantIsRefusedWhenItHasNothingToShow() {
    Operations operations = on(new UnexpectedPort() {
      @Override
      public List<TenantCounts> counts(TenantId tenant) {
        return List.of();
      }

      @Override
      public Optional<Tenant> tenant(TenantId id) {
        return Optional.empty();
      }
    });

    assertThatThrownBy(() -> operations.status(TenantId.random())).isInstanceOf(UnknownTenantException.class);
    assertThat(operations.status(null).tenants()).isEmpty();
  }

  @Test
  void throughputHasSixtyMinutesEndingNowWithZerosWhereNothingWasPublished() {
    Instant current = NOW.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    Operations operations = on(new UnexpectedPort() {
      @Override
      public List<MinuteCount> publishedPerMinute(TenantId tenant, Duration window) {
        return List.of(new MinuteCount(current.minusSeconds(120), 7), new MinuteCount(current, 3),
            new MinuteCount(current.minusSeconds(3_600), 99));
      }
    });

    List<MinuteCount> minutes = operations.publishedPerMinute(null);

    assertThat(minutes).hasSize(60);
    assertThat(minutes.get(59)).isEqualTo(new MinuteCount(current, 3));
    assertThat(minutes.get(57)).isEqualTo(new MinuteCount(current.minusSeconds(120), 7));
    assertThat(minutes.stream().mapToLong(MinuteCount::published).sum()).as("the minute an hour ago is out").isEqualTo(10);
  }

  @Test
  void bulkRequeueRunsBatchesFromWhereTheLastOneEndedUntilOneComesBackShort() {
    List<Long> starts = new ArrayList<>();
    Operations operations = on(new UnexpectedPort() {
      @Override
      public Batch requeue(EventFilter filter, long afterPosition, int limit) {
        assertThat(filter.status()).isEqualTo(EventStatus.FAILED);
        starts.add(afterPosition);
        int matched = starts.size() < 3 ? limit : 10;
        return new Batch(matched, matched - 1, afterPosition + matched);
      }
    });

    BulkResult result = operations.requeue(EventFilter.all(), Operations.MAX_BULK);

    assertThat(starts).containsExactly(0L, 1_000L, 2_000L);
    assertThat(result).isEqualTo(new BulkResult(2_007, 3, false));
  }

  @Test
  void bulkRequeueStopsAtItsBound() {
    Operations operations = on(new UnexpectedPort() {
      @Override
      public Batch requeue(EventFilter filter, long afterPosition, int limit) {
        return new Batch(limit, limit, afterPosition + limit);
      }
    });

    assertThat(operations.requeue(EventFilter.all(), 2_500)).isEqualTo(new BulkResult(2_500, 0, true));
  }

  @Test
  void badArgumentsAreRefusedByNameBeforeTheStoreIsAsked() {
    Operations operations = on(new UnexpectedPort());

    assertThatThrownBy(() -> operations.requeue(EventFilter.all().withStatus(EventStatus.PUBLISHED), 10))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("status");
    assertThatThrownBy(() -> operations.requeue(EventFilter.all(), 0)).hasMessageContaining("max");
    assertThatThrownBy(() -> operations.delete(EventFilter.all(), 10)).hasMessageContaining("filter");
    assertThatThrownBy(() -> operations.failures(null, 1_001)).hasMessageContaining("limit");
    assertThatThrownBy(() -> operations.requeue(List.of())).hasMessageContaining("ids");
    assertThatThrownBy(() -> operations.purgePublished(Duration.ofSeconds(1), 10)).hasMessageContaining("olderThan");
    assertThatThrownBy(() -> operations.pause(TenantId.random(), "x".repeat(501))).hasMessageContaining("reason");
    assertThatThrownBy(() -> operations.events(EventFilter.all(), PageRequest.after("bm90LWEtY3Vyc29y", 10)))
        .hasMessageContaining("cursor");
    assertThatThrownBy(() -> new Operations(new UnexpectedPort(), CLOCK, Duration.ZERO)).hasMessageContaining("goneAfter");
  }

  @Test
  void filtersRefuseCriteriaThatCannotMatch() {
    assertThatThrownBy(() -> EventFilter.all().withAggregate(null, "42")).hasMessageContaining("aggregateId");
    assertThatThrownBy(() -> EventFilter.all().withCause("nothex")).hasMessageContaining("cause");
    assertThatThrownBy(() -> EventFilter.all().withCause("0123456789abcdef").withStatus(EventStatus.PENDING))
        .hasMessageContaining("status");
    assertThatThrownBy(() -> EventFilter.all().occurredBetween(NOW, NOW)).hasMessageContaining("occurredBefore");
    assertThatThrownBy(() -> EventFilter.all().withName(" ")).hasMessageContaining("name");
  }

  @Test
  void aPublisherNotSeenForLongerThanGoneAfterIsGoneAndOneThatSignedOffIsStopped() {
    Operations operations = on(new UnexpectedPort() {
      @Override
      public List<PublisherRow> publishers() {
        return List.of(row("alive", Duration.ofSeconds(29), null), row("gone", Duration.ofSeconds(31), null),
            row("stopped", Duration.ofHours(1), NOW));
      }
    });

    assertThat(operations.publishers()).extracting(p -> p.publisher().owner() + ":" + p.state())
        .containsExactly("alive:ALIVE", "gone:GONE", "stopped:STOPPED");
  }

  @Test
  void oneEventRequeuedIsRefusedWhenItWasNotChangedAndUnknownWhenItIsNotThere() {
    EventId id = EventId.random();
    Operations operations = on(new UnexpectedPort() {
      @Override
      public Batch requeue(java.util.Collection<EventId> ids) {
        return new Batch(0, 0, 0);
      }

      @Override
      public Optional<io.messagedriven.application.operations.port.EventDetail> event(EventId eventId) {
        return Optional.empty();
      }
    });

    assertThatThrownBy(() -> operations.requeue(id)).isInstanceOf(UnknownEventException.class).hasMessageContaining(id.toString());
  }

  private static PublisherRow row(String owner, Duration since, Instant stoppedAt) {
    return new PublisherRow(owner, "host", NOW.minusSeconds(3_600), NOW.minus(since), since, 0, stoppedAt);
  }
}
