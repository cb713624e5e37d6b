package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.TenantId;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One tenant's backlog does not starve the others. */
class FairPublishingIT {
  private final OutboxFixture db = new OutboxFixture();

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aSmallTenantIsServedEarlyDuringALargeTenantsBacklog() {
    UUID large = db.tenant("large");
    UUID small = db.tenant("small");
    int largeEvents = 100_000;
    db.append(large, largeEvents, 1);
    db.append(small, 100, 1);
    TenantId smallId = new TenantId(small);
    AtomicInteger largeHandled = new AtomicInteger();
    AtomicInteger smallHandled = new AtomicInteger();
    AtomicLong largeHandledWhenSmallDone = new AtomicLong(-1);

    try (Publisher publisher = Publisher.builder().outbox(db.store.outbox()).handler(event -> {
      if (event.tenantId().equals(smallId)) {
        if (smallHandled.incrementAndGet() == 100) {
          largeHandledWhenSmallDone.set(largeHandled.get());
        }
      } else {
        largeHandled.incrementAndGet();
      }
    }).build()) {
      publisher.start();
      Await.until("the small tenant's events", Duration.ofSeconds(60), () -> smallHandled.get() == 100);
    }

    assertThat(largeHandledWhenSmallDone.get())
        .as("events of the large tenant handled before the small one was done")
        .isLessThan(largeEvents / 20);
  }
}
