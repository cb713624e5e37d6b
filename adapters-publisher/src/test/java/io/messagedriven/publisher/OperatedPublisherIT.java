package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.PublisherStatus;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** A running publisher as operators see and steer it: paused tenants and heartbeats. */
class OperatedPublisherIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @Test
  void aRunningPublisherSkipsAPausedTenantAndCatchesUpOnceItIsResumed() {
    try (PostgresStore store = TestDatabase.freshStore()) {
      Operations operations = new Operations(store.operations());
      TenantId paused = tenant(store, "paused");
      TenantId running = tenant(store, "running");
      Set<EventId> published = ConcurrentHashMap.newKeySet();
      try (Publisher publisher = publisher(store, published)) {
        publisher.start();
        operations.pause(paused, "test");

        Event held = append(store, paused);
        Event flowing = append(store, running);
        Await.until("the other tenant's event is published", PATIENCE, () -> published.contains(flowing.id()));
        Event after = append(store, running);
        Await.until("a later event of the other tenant is published", PATIENCE, () -> published.contains(after.id()));

        assertThat(published).doesNotContain(held.id());
        operations.resume(paused);
        Await.until("the resumed tenant's event is published", PATIENCE, () -> published.contains(held.id()));
      }
    }
  }

  @Test
  void aRunningPublisherIsSeenAliveAndStoppedOnceItStops() {
    try (PostgresStore store = TestDatabase.freshStore()) {
      Operations operations = new Operations(store.operations());
      Publisher publisher = publisher(store, ConcurrentHashMap.newKeySet());
      publisher.start();
      Await.until("the publisher's heartbeat", PATIENCE, () -> operations.publishers().stream()
          .anyMatch(p -> p.state() == PublisherStatus.State.ALIVE));

      publisher.stop(Duration.ofSeconds(5));

      List<PublisherStatus> seen = operations.publishers();
      assertThat(seen).singleElement().satisfies(p -> {
        assertThat(p.state()).isEqualTo(PublisherStatus.State.STOPPED);
        assertThat(p.publisher().owner()).startsWith("ops-");
        assertThat(p.publisher().host()).isNotBlank();
        assertThat(p.publisher().startedAt()).isBeforeOrEqualTo(Instant.now());
      });
    }
  }

  private static Publisher publisher(PostgresStore store, Set<EventId> published) {
    return Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .name("ops")
        .handler(event -> published.add(event.id()))
        .pollInterval(Duration.ofMillis(50))
        .heartbeatInterval(Duration.ofMillis(200))
        .build();
  }

  private static TenantId tenant(PostgresStore store, String slug) {
    return new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand(slug, slug)).id();
  }

  private static Event append(PostgresStore store, TenantId tenant) {
    Event event = Event.raise(tenant, "User", "u-" + System.nanoTime(), "User.created", "{}", Instant.now());
    store.transactions().inTenant(tenant, tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }
}
