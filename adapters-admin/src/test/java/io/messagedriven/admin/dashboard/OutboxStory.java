package io.messagedriven.admin.dashboard;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.OutboxPort;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.PostgresStore;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * What the browser test finds in the outbox, written through the outbox port as publishers
 * would: 140 published events, 9 pending (one of them a head retried after a timeout, with one
 * event waiting behind it), 4 failed for two causes (one with a payload and aggregate id full of
 * markup), the tenant {@code globex} paused, and one publisher's heartbeat.
 *
 * @param failed the two events that failed with a refused connection
 * @param hostile the failed event whose payload holds a script
 */
record OutboxStory(List<EventId> failed, EventId hostile) {
  private static final Duration LEASE = Duration.ofMinutes(1);
  static final String HOSTILE_PAYLOAD = "{\"name\": \"<script>window.pwned = 'script'</script>\","
      + " \"avatar\": \"<img src=x onerror=\\\"window.pwned = 'img'\\\">\"}";

  static OutboxStory write(PostgresStore store, String jdbcUrl) {
    OutboxPort outbox = store.outbox();
    CreateTenant createTenant = new CreateTenant(store.transactions(), Clock.systemUTC());
    Tenant acme = createTenant.handle(new CreateTenantCommand("acme", "Acme"));
    Tenant globex = createTenant.handle(new CreateTenantCommand("globex", "Globex"));

    for (int i = 0; i < 140; i++) {
      append(store, i < 120 ? acme : globex, "user-" + i, "User.created", "{\"n\": " + i + "}");
    }
    for (List<ClaimedEvent> batch = outbox.claim("story", 100, LEASE); !batch.isEmpty();
        batch = outbox.claim("story", 100, LEASE)) {
      outbox.markPublished(batch);
    }

    List<EventId> refused = List.of(
        append(store, acme, "order-1", "Order.placed", "{\"total\": 42}").id(),
        append(store, acme, "order-2", "Order.placed", "{\"total\": 7}").id());
    append(store, acme, "order-3", "Order.shipped", "{\"order\": 43}");
    EventId hostile = append(store, acme, "<b>not bold</b>", "User.renamed", HOSTILE_PAYLOAD).id();
    for (ClaimedEvent claimed : outbox.claim("story", 100, LEASE)) {
      String id = claimed.event().aggregateId();
      outbox.markFailed(claimed, id.startsWith("order-3") || id.startsWith("<")
          ? Failure.of(new IllegalStateException("order " + (id.length() * 3) + " not found"))
          : Failure.of(new ConnectException("connection refused by 10.0.0." + id.length() + ":443")));
    }

    append(store, acme, "user-retry", "User.created", "{\"n\": 1}");
    for (ClaimedEvent claimed : outbox.claim("story", 100, LEASE)) {
      outbox.retryLater(claimed, Duration.ofMinutes(10), Failure.of(new TimeoutException("no answer in 30 s")));
    }
    append(store, acme, "user-retry", "User.renamed", "{\"n\": 2}");
    for (int i = 0; i < 3; i++) {
      append(store, acme, "user-new-" + i, "User.created", "{\"n\": " + i + "}");
    }
    for (int i = 0; i < 4; i++) {
      append(store, globex, "user-new-" + i, "User.created", "{\"n\": " + i + "}");
    }

    new Operations(store.operations()).pause(globex.id(), "maintenance");
    outbox.heartbeat(new PublisherHeartbeat("orders-worker-1", "worker-1", Instant.now().minusSeconds(3_600), 0));
    spreadThroughput(jdbcUrl, acme);
    return new OutboxStory(refused, hostile);
  }

  private static Event append(PostgresStore store, Tenant tenant, String aggregateId, String name, String payload) {
    Event event = Event.raise(tenant.id(), name.substring(0, name.indexOf('.')), aggregateId, name, payload, Instant.now());
    store.transactions().inTenant(tenant.id(), tx -> {
      tx.outbox().append(event);
      return null;
    });
    return event;
  }

  /**
   * Spreads the published counts of the chart over the last hour, as an hour of publishing would
   * have left them (the events themselves were all published in the current minute).
   */
  private static void spreadThroughput(String jdbcUrl, Tenant tenant) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        PreparedStatement spread = connection.prepareStatement("""
            insert into message_driven.published_minutes (minute, tenant_id, published)
            select date_trunc('minute', now()) - g * interval '1 minute', ?, (40 + 25 * sin(g / 7.0) + (g * 37) % 11)::bigint
            from generate_series(1, 59) g
            on conflict (minute, tenant_id) do update set published = published_minutes.published + excluded.published""")) {
      spread.setObject(1, tenant.id().value());
      spread.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
