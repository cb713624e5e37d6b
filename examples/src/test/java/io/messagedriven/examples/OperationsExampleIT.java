package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsExampleIT {

  @Test
  void readmeSampleShowsTheFailuresAndRequeuesTheLargestCause() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PostgresStore store = TestDatabase.freshStore()) {
      Tenant acme = new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand("acme", "Acme"));
      OutboxPort outbox = store.outbox();
      for (int i = 0; i < 3; i++) {
        Event event = Event.raise(acme.id(), "Order", "o" + i, "Order.placed", "{}", Instant.now());
        store.transactions().inTenant(acme.id(), tx -> {
          tx.outbox().append(event);
          return null;
        });
      }
      List<ClaimedEvent> claimed = outbox.claim("example", 10, Duration.ofMinutes(1));
      for (int i = 0; i < claimed.size(); i++) {
        outbox.markFailed(claimed.get(i), Failure.of(new IllegalStateException("order " + i + " not found")));
      }

      OperationsExample.run(store, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("0 pending, 3 failed")
        .contains("3 x java.lang.IllegalStateException: order ? not found")
        .contains("requeued 3, refused 0 (in flight)");
  }
}
