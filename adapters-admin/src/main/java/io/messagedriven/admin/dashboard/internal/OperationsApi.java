package io.messagedriven.admin.dashboard.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.messagedriven.admin.internal.OperationsViews;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dashboard's JSON endpoints under {@code /api}, on the operations: reads by GET, changes by
 * POST (the guard has let the request in, and checked a change's origin, before this runs).
 */
final class OperationsApi {
  /** The most events one click on a cause group requeues; the page says when more are left. */
  static final int BULK_FROM_PAGE = 10_000;
  private static final int DEFAULT_LIST = 20;
  private static final int DEFAULT_PAGE = 50;

  private final Operations operations;

  OperationsApi(Operations operations) {
    this.operations = operations;
  }

  /** Answers {@code GET /api/...}; {@code path} is what follows {@code /api/}, split on slashes. */
  void read(Http http, List<String> path) {
    Map<String, String> query = http.query();
    TenantId tenant = tenant(query.get("tenant"));
    switch (path.size() == 1 ? path.get(0) : path.size() == 2 && path.get(0).equals("events") ? "event" : "") {
      case "status" -> http.json(200, OperationsViews.status(operations.status(tenant), operations.publishers(),
          operations.paused().stream().filter(paused -> tenant == null || paused.tenant().equals(tenant)).toList()));
      case "throughput" -> http.json(200, OperationsViews.throughput(operations.publishedPerMinute(tenant)));
      case "failures" -> http.json(200, operations.failures(tenant, number(query, "limit", DEFAULT_LIST)).stream()
          .map(OperationsViews::cause).toList());
      case "held" -> http.json(200, operations.heldBack(tenant, number(query, "limit", DEFAULT_LIST)).stream()
          .map(OperationsViews::held).toList());
      case "events" -> http.json(200, OperationsViews.events(operations.events(filter(query, tenant), page(query))));
      case "event" -> http.json(200, OperationsViews.detail(operations.event(EventId.parse(path.get(1)))));
      default -> throw notFound(http);
    }
  }

  /** Answers {@code POST /api/...}: requeue, delete, requeue a cause group, pause and resume a tenant. */
  void change(Http http, List<String> path) {
    String action = path.size() == 3 ? path.get(0) + "/" + path.get(2) : "";
    switch (action) {
      case "events/requeue" -> http.json(200, OperationsViews.bulk("requeue", operations.requeue(EventId.parse(path.get(1)))));
      case "events/delete" -> http.json(200, OperationsViews.bulk("delete", operations.delete(EventId.parse(path.get(1)))));
      case "failures/requeue" -> {
        TenantId tenant = tenant(http.query().get("tenant"));
        EventFilter group = EventFilter.all().forTenant(tenant).withCause(path.get(1));
        http.json(200, OperationsViews.bulk("requeue", operations.requeue(group, BULK_FROM_PAGE)));
      }
      case "tenants/pause" -> {
        JsonNode body = http.jsonBody();
        JsonNode reason = body.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
          throw new InvalidValueException("reason", reason.toString(), "send a string");
        }
        boolean changed = operations.pause(operations.tenant(path.get(1)), reason == null ? null : reason.textValue());
        http.json(200, Map.of("changed", changed));
      }
      case "tenants/resume" -> http.json(200, Map.of("changed", operations.resume(operations.tenant(path.get(1)))));
      default -> throw notFound(http);
    }
  }

  private static Http.Refusal notFound(Http http) {
    return new Http.Refusal(404, "Not found", "the dashboard serves nothing at " + http.method() + " " + http.path());
  }

  private TenantId tenant(String slugOrId) {
    return slugOrId == null || slugOrId.isEmpty() ? null : operations.tenant(slugOrId);
  }

  private static EventFilter filter(Map<String, String> query, TenantId tenant) {
    return new EventFilter(tenant, status(query.get("status")), text(query, "name"), text(query, "aggregateType"),
        text(query, "aggregateId"), instant(query, "from"), instant(query, "before"), text(query, "cause"));
  }

  private static PageRequest page(Map<String, String> query) {
    int limit = number(query, "limit", DEFAULT_PAGE);
    String after = text(query, "after");
    return after == null ? PageRequest.first(limit) : PageRequest.after(after, limit);
  }

  private static EventStatus status(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return EventStatus.valueOf(raw.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException("status", raw, "use PENDING, IN_FLIGHT, PUBLISHED or FAILED");
    }
  }

  /** A parameter left empty (as a form sends it) is no criterion. */
  private static String text(Map<String, String> query, String name) {
    String value = query.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static Instant instant(Map<String, String> query, String name) {
    String raw = text(query, name);
    try {
      return raw == null ? null : Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw new InvalidValueException(name, raw, "use an ISO-8601 instant such as 2026-01-31T12:00:00Z");
    }
  }

  private static int number(Map<String, String> query, String name, int fallback) {
    String raw = text(query, name);
    if (raw == null) {
      return fallback;
    }
    if (!raw.matches("[0-9]{1,9}")) {
      throw new InvalidValueException(name, raw, "use a whole number");
    }
    return Integer.parseInt(raw);
  }
}
