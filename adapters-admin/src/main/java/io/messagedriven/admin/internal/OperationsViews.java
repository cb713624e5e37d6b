package io.messagedriven.admin.internal;

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
import io.messagedriven.application.operations.port.TenantCounts;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.Failure;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the operations' records, one for the CLI's {@code --json} and the dashboard's
 * {@code /api}: maps of strings, numbers, booleans and lists; instants as ISO-8601 text, durations
 * in milliseconds.
 */
public final class OperationsViews {
  private OperationsViews() {}

  public static Map<String, Object> status(StatusReport report, List<PublisherStatus> publishers, List<PausedTenant> paused) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tenants", report.tenants().stream().map(OperationsViews::counts).toList());
    Map<String, Object> total = new LinkedHashMap<>();
    total.put("pending", report.pending());
    total.put("inFlight", report.inFlight());
    total.put("published", report.published());
    total.put("failed", report.failed());
    total.put("lagMillis", report.lag().toMillis());
    view.put("total", total);
    view.put("publishers", publishers.stream().map(OperationsViews::publisher).toList());
    view.put("paused", paused.stream().map(OperationsViews::paused).toList());
    return view;
  }

  public static Map<String, Object> counts(TenantCounts counts) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tenant", counts.tenant().toString());
    view.put("slug", counts.slug());
    view.put("pending", counts.pending());
    view.put("inFlight", counts.inFlight());
    view.put("published", counts.published());
    view.put("failed", counts.failed());
    view.put("lagMillis", counts.lag().toMillis());
    view.put("paused", counts.paused());
    return view;
  }

  public static Map<String, Object> publisher(PublisherStatus status) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("owner", status.publisher().owner());
    view.put("host", status.publisher().host());
    view.put("startedAt", text(status.publisher().startedAt()));
    view.put("lastSeenAt", text(status.publisher().lastSeenAt()));
    view.put("sinceLastSeenMillis", status.publisher().sinceLastSeen().toMillis());
    view.put("inFlight", status.publisher().inFlight());
    view.put("state", status.state().name());
    return view;
  }

  public static Map<String, Object> paused(PausedTenant paused) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tenant", paused.tenant().toString());
    view.put("slug", paused.slug());
    view.put("pausedAt", text(paused.pausedAt()));
    view.put("reason", paused.reason());
    return view;
  }

  public static Map<String, Object> cause(CauseGroup cause) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("cause", cause.key());
    view.put("errorClass", cause.errorClass());
    view.put("message", cause.message());
    view.put("count", cause.count());
    view.put("firstSeen", text(cause.firstSeen()));
    view.put("lastSeen", text(cause.lastSeen()));
    view.put("examples", cause.examples().stream().map(Object::toString).toList());
    return view;
  }

  public static Map<String, Object> summary(EventSummary event) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", event.id().toString());
    view.put("tenant", event.tenant().toString());
    view.put("aggregateType", event.aggregateType());
    view.put("aggregateId", event.aggregateId());
    view.put("name", event.name());
    view.put("status", event.status().name());
    view.put("attempts", event.attempts());
    view.put("occurredAt", text(event.occurredAt()));
    view.put("nextAttemptAt", text(event.nextAttemptAt()));
    view.put("publishedAt", text(event.publishedAt()));
    view.put("failedAt", text(event.failedAt()));
    view.put("errorClass", event.errorClass());
    view.put("errorMessage", event.errorMessage());
    view.put("cause", event.cause());
    return view;
  }

  public static Map<String, Object> detail(EventDetail detail) {
    EventRecord record = detail.record();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", record.event().id().toString());
    view.put("tenant", record.event().tenantId().toString());
    view.put("tenantSlug", detail.tenantSlug());
    view.put("aggregateType", record.event().aggregateType());
    view.put("aggregateId", record.event().aggregateId());
    view.put("name", record.event().name());
    view.put("status", record.status().name());
    view.put("attempts", record.attempts());
    view.put("occurredAt", text(record.event().occurredAt()));
    view.put("createdAt", text(detail.createdAt()));
    view.put("nextAttemptAt", text(record.nextAttemptAt()));
    view.put("publishedAt", text(record.publishedAt()));
    view.put("failedAt", text(record.failedAt()));
    view.put("leaseOwner", detail.leaseOwner());
    view.put("cause", detail.cause());
    view.put("headers", record.event().headers());
    view.put("payload", record.event().payload());
    Failure error = record.lastError();
    if (error != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("errorClass", error.errorClass());
      last.put("message", error.message());
      last.put("stackTrace", error.stackTrace());
      view.put("lastError", last);
    } else {
      view.put("lastError", null);
    }
    return view;
  }

  public static Map<String, Object> bulk(String action, BulkResult result) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("action", action);
    view.put("changed", result.changed());
    view.put("refused", result.refused());
    view.put("more", result.more());
    return view;
  }

  public static Map<String, Object> held(HeldAggregate held) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("tenant", held.tenant().toString());
    view.put("aggregateType", held.aggregateType());
    view.put("aggregateId", held.aggregateId());
    view.put("head", held.head().toString());
    view.put("headName", held.headName());
    view.put("headStatus", held.headStatus().name());
    view.put("attempts", held.attempts());
    view.put("errorClass", held.errorClass());
    view.put("errorMessage", held.errorMessage());
    view.put("occurredAt", text(held.occurredAt()));
    view.put("waiting", held.waiting());
    return view;
  }

  public static List<Map<String, Object>> throughput(List<MinuteCount> minutes) {
    return minutes.stream().map(minute -> {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("minute", text(minute.minute()));
      view.put("published", minute.published());
      return view;
    }).toList();
  }

  /** A page of events: its items and the cursor of the next page (null on the last). */
  public static Map<String, Object> events(Page<EventSummary> page) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("events", page.items().stream().map(OperationsViews::summary).toList());
    view.put("nextCursor", page.nextCursor());
    return view;
  }

  public static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
