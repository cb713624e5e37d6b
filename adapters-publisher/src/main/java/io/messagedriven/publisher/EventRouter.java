package io.messagedriven.publisher;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An {@link EventHandler} that routes each event by name to the handlers whose pattern matches.
 *
 * <p>A pattern is an exact name ({@code User.created}), an aggregate wildcard ({@code User.*})
 * or {@code *} for every event. An event goes to every matching route, in the order they were
 * added, so targets compose: {@code User.*} to a broker and {@code User.created} also to a
 * webhook. If one of them throws, the whole event is retried and every route sees it again;
 * handlers deduplicate on the event id.
 *
 * <p>The router is a {@link BatchEventHandler}: given a batch, it hands each route its matching
 * events at once, so broker targets can pipeline their sends.
 *
 * <p>An event with no route goes to the {@link Builder#onUnrouted unrouted handler}: by default
 * {@link #failUnrouted()}, which marks it failed with a {@link NoRouteException}. It is never
 * counted as published silently.
 *
 * <pre>{@code
 * EventRouter router = EventRouter.builder()
 *     .route("User.created", event -> welcomeMail.send(event))
 *     .route("User.*", auditLog)
 *     .build();
 * }</pre>
 */
public final class EventRouter implements BatchEventHandler {
  private static final Pattern VALID_PATTERN =
      Pattern.compile("\\*|[A-Z][A-Za-z0-9]*\\.(\\*|[a-z][A-Za-z0-9_]*)");

  private final List<Route> routes;
  private final EventHandler unrouted;

  private EventRouter(List<Route> routes, EventHandler unrouted) {
    this.routes = List.copyOf(routes);
    this.unrouted = unrouted;
  }

  /** A builder with no routes, failing unrouted events. */
  public static Builder builder() {
    return new Builder();
  }

  /** Unrouted events fail at once with a {@link NoRouteException}. The default. */
  public static EventHandler failUnrouted() {
    return event -> {
      throw new NoRouteException(event);
    };
  }

  /**
   * Unrouted events are retried with backoff, as if the handler had failed: for a route that a
   * later deployment will add. They fail once out of attempts.
   */
  public static EventHandler retryUnrouted() {
    return event -> {
      throw new IllegalStateException("no route yet for event " + event.name() + " (id " + event.id() + ")");
    };
  }

  /**
   * Routes a batch: each route gets its matching events in one call if it is a {@link
   * BatchEventHandler}, one at a time otherwise. An event that failed on one route is not sent
   * to the routes after it; it will be retried as a whole.
   */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) {
    Map<EventId, Exception> failures = new HashMap<>();
    Set<EventId> routed = new HashSet<>();
    for (Route route : routes) {
      List<Event> matching = new ArrayList<>();
      for (Event event : events) {
        if (route.matches(event.name())) {
          routed.add(event.id());
          if (!failures.containsKey(event.id())) {
            matching.add(event);
          }
        }
      }
      deliver(route.handler(), matching, failures);
    }
    List<Event> unmatched = events.stream().filter(event -> !routed.contains(event.id())).toList();
    deliver(unrouted, unmatched, failures);
    return failures;
  }

  private static void deliver(EventHandler handler, List<Event> events, Map<EventId, Exception> failures) {
    if (events.isEmpty()) {
      return;
    }
    if (handler instanceof BatchEventHandler batch) {
      try {
        failures.putAll(batch.handleAll(events));
      } catch (Exception e) {
        keepInterrupt(e);
        events.forEach(event -> failures.put(event.id(), e));
      }
      return;
    }
    for (Event event : events) {
      try {
        handler.handle(event);
      } catch (Exception e) {
        keepInterrupt(e);
        failures.put(event.id(), e);
      }
    }
  }

  /** A caught interrupt is a stop request the publisher must still see. */
  private static void keepInterrupt(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether some route matches {@code eventName}. */
  public boolean routes(String eventName) {
    return routes.stream().anyMatch(route -> route.matches(eventName));
  }

  private record Route(String pattern, EventHandler handler) {
    boolean matches(String name) {
      if (pattern.equals("*")) {
        return true;
      }
      if (pattern.endsWith(".*")) {
        return name.startsWith(pattern.substring(0, pattern.length() - 1));
      }
      return pattern.equals(name);
    }
  }

  /** Routes of an {@link EventRouter}. */
  public static final class Builder {
    private final List<Route> routes = new ArrayList<>();
    private EventHandler unrouted = failUnrouted();

    private Builder() {}

    /**
     * Sends events matching {@code pattern} to {@code handler}.
     *
     * @param pattern {@code Aggregate.verb}, {@code Aggregate.*} or {@code *}
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public Builder route(String pattern, EventHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (pattern == null || !VALID_PATTERN.matcher(pattern).matches()) {
        throw new IllegalArgumentException(
            "route pattern must be Aggregate.verb, Aggregate.* or *, was " + pattern);
      }
      routes.add(new Route(pattern, handler));
      return this;
    }

    /**
     * What to do with an event no route matches. Default: {@link #failUnrouted()}; also {@link
     * #retryUnrouted()}, or any handler of your own.
     */
    public Builder onUnrouted(EventHandler handler) {
      this.unrouted = Objects.requireNonNull(handler, "unrouted handler");
      return this;
    }

    /**
     * The router.
     *
     * @throws IllegalArgumentException if no route was added
     */
    public EventRouter build() {
      if (routes.isEmpty()) {
        throw new IllegalArgumentException("routes: add at least one route");
      }
      return new EventRouter(routes, unrouted);
    }
  }
}
