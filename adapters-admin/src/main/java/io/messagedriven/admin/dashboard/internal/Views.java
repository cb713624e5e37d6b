package io.messagedriven.admin.dashboard.internal;

import io.messagedriven.application.Page;
import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.PublisherStatus;
import io.messagedriven.application.operations.StatusReport;
import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventDetail;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.operations.port.HeldAggregate;
import io.messagedriven.application.operations.port.MinuteCount;
import io.messagedriven.application.operations.port.PausedTenant;
import io.messagedriven.application.operations.port.PublisherRow;
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.domain.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The operations' records as the JSON objects the page reads: times as ISO-8601, durations in milliseconds. */
final class Views {
  private Views() {}

  static Map<String, Object> status(StatusReport report, List<PausedTenant> paused) {
    Map<String, Object> json = object();
    json.put("pending", report.pending());
    json.put("inFlight", report.inFlight());
    json.put("published", report.published());
    json.put("failed", report.failed());
    json.put("lagMillis", millis(report.lag()));
    json.put("tenants", report.tenants().stream().map(Views::tenant).toList());
    json.put("paused", paused.stream().map(Views::paused).toList());
    return json;
  }

  private static Map<String, Object> tenant(TenantCounts counts) {
    Map<String, Object> json = object();
    json.put("tenant", counts.tenant().toString());
    json.put("slug", counts.slug());
    json.put("pending", counts.pending());
    json.put("inFlight", counts.inFlight());
    json.put("published", counts.published());
    json.put("failed", counts.failed());
    json.put("lagMillis", millis(counts.lag()));
    json.put("paused", counts.paused());
    return json;
  }

  private static Map<String, Object> paused(PausedTenant paused) {
    Map<String, Object> json = object();
    json.put("tenant", paused.tenant().toString());
    json.put("slug", paused.slug());
    json.put("pausedAt", time(paused.pausedAt()));
    json.put("reason", paused.reason());
    return json;
  }

  static List<Map<String, Object>> throughput(List<MinuteCount> minutes) {
    return minutes.stream().map(minute -> {
      Map<String, Object> json = object();
      json.put("minute", time(minute.minute()));
      json.put("published", minute.published());
      return json;
    }).toList();
  }

  static Map<String, Object> cause(CauseGroup cause) {
    Map<String, Object> json = object();
    json.put("key", cause.key());
    json.put("errorClass", cause.errorClass());
    json.put("message", cause.message());
    json.put("count", cause.count());
    json.put("firstSeen", time(cause.firstSeen()));
    json.put("lastSeen", time(cause.lastSeen()));
    json.put("examples", cause.examples().stream().map(Object::toString).toList());
    return json;
  }

  static Map<String, Object> held(HeldAggregate held) {
    Map<String, Object> json = object();
    json.put("tenant", held.tenant().toString());
    json.put("aggregateType", held.aggregateType());
    json.put("aggregateId", held.aggregateId());
    json.put("head", held.head().toString());
    json.put("headName", held.headName());
    json.put("headStatus", held.headStatus().name());
    json.put("attempts", held.attempts());
    json.put("errorClass", held.errorClass());
    json.put("errorMessage", held.errorMessage());
    json.put("occurredAt", time(held.occurredAt()));
    json.put("waiting", held.waiting());
    return json;
  }

  static Map<String, Object> publisher(PublisherStatus status) {
    PublisherRow row = status.publisher();
    Map<String, Object> json = object();
    json.put("owner", row.owner());
    json.put("host", row.host());
    json.put("state", status.state().name());
    json.put("startedAt", time(row.startedAt()));
    json.put("lastSeenAt", time(row.lastSeenAt()));
    json.put("sinceLastSeenMillis", millis(row.sinceLastSeen()));
    json.put("inFlight", row.inFlight());
    json.put("stoppedAt", time(row.stoppedAt()));
    return json;
  }

  static Map<String, Object> events(Page<EventSummary> page) {
    Map<String, Object> json = object();
    json.put("items", page.items().stream().map(Views::summary).toList());
    json.put("nextCursor", page.nextCursor());
    return json;
  }

  private static Map<String, Object> summary(EventSummary event) {
    Map<String, Object> json = object();
    json.put("id", event.id().toString());
    json.put("position", event.position());
    json.put("tenant", event.tenant().toString());
    json.put("aggregateType", event.aggregateType());
    json.put("aggregateId", event.aggregateId());
    json.put("name", event.name());
    json.put("status", event.status().name());
    json.put("attempts", event.attempts());
    json.put("occurredAt", time(event.occurredAt()));
    json.put("nextAttemptAt", time(event.nextAttemptAt()));
    json.put("publishedAt", time(event.publishedAt()));
    json.put("failedAt", time(event.failedAt()));
    json.put("errorClass", event.errorClass());
    json.put("errorMessage", event.errorMessage());
    json.put("cause", event.cause());
    return json;
  }

  static Map<String, Object> detail(EventDetail detail) {
    EventRecord record = detail.record();
    Event event = record.event();
    Map<String, Object> json = object();
    json.put("id", event.id().toString());
    json.put("position", record.position());
    json.put("tenant", event.tenantId().toString());
    json.put("tenantSlug", detail.tenantSlug());
    json.put("aggregateType", event.aggregateType());
    json.put("aggregateId", event.aggregateId());
    json.put("name", event.name());
    json.put("status", record.status().name());
    json.put("attempts", record.attempts());
    json.put("occurredAt", time(event.occurredAt()));
    json.put("createdAt", time(detail.createdAt()));
    json.put("nextAttemptAt", time(record.nextAttemptAt()));
    json.put("publishedAt", time(record.publishedAt()));
    json.put("failedAt", time(record.failedAt()));
    json.put("leaseOwner", detail.leaseOwner());
    json.put("cause", detail.cause());
    json.put("payload", event.payload()); // the JSON as text: the page shows it, never evaluates it
    json.put("headers", event.headers());
    json.put("errorClass", record.error().map(error -> error.errorClass()).orElse(null));
    json.put("errorMessage", record.error().map(error -> error.message()).orElse(null));
    json.put("stackTrace", record.error().map(error -> error.stackTrace()).orElse(null));
    return json;
  }

  static Map<String, Object> result(BulkResult result) {
    Map<String, Object> json = object();
    json.put("changed", result.changed());
    json.put("refused", result.refused());
    json.put("more", result.more());
    return json;
  }

  private static Map<String, Object> object() {
    return new LinkedHashMap<>();
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static long millis(Duration duration) {
    return duration.toMillis();
  }
}
