package io.messagedriven.publisher;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.TargetFailedException;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * An {@link EventHandler} that routes each event by name to the handlers whose pattern matches.
 *
 * <p>A pattern is an exact name ({@code User.created}), an aggregate wildcard ({@code User.*})
 * or {@code *} for every event. An event goes to every matching route, in the order they were
 * added, so targets compose: {@code User.*} to a broker and {@code User.created} also to a
 * webhook. Each route is a target with a name ({@link Builder#route(String, String,
 * EventHandler)}; unnamed routes are {@code route-1}, {@code route-2}, ... in the order added).
 * When one target fails an event, the others still get it; the publisher records the targets
 * that have it, and the retry (or an operator's requeue) goes only to the ones that do not. The
 * event's error names the failed target ({@code "target webhook: 503 Service Unavailable"})
 * when the route is named or another target has the event. Name the routes of a router whose
 * routes may change between deployments, so what is recorded keeps pointing at the same target.
 *
 * <p>The router is a {@link TargetedEventHandler}: given a batch, it hands each route its
 * matching events at once, so broker targets that are {@link BatchEventHandler}s can pipeline
 * their sends.
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
public final class EventRouter implements TargetedEventHandler {
  private static final Pattern VALID_PATTERN =
      Pattern.compile("\\*|[A-Z][A-Za-z0-9]*\\.(\\*|[a-z][A-Za-z0-9_]*)");
  private static final Pattern VALID_TARGET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

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
   * Routes a batch: each route gets its matching events, except those that already reached its
   * target, in one call if it is a {@link BatchEventHandler}, one at a time otherwise. An event
   * that failed on one route still goes to the routes after it; its failure is a {@link
   * TargetFailedException} naming the first target that failed and every target that has the
   * event.
   */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events, Map<EventId, Set<String>> delivered) {
    Map<EventId, Set<String>> reached = new HashMap<>();
    Map<EventId, Exception> failures = new LinkedHashMap<>();
    Map<EventId, Route> failedOn = new HashMap<>();
    Set<EventId> routed = new HashSet<>();
    for (Route route : routes) {
      List<Event> matching = new ArrayList<>();
      for (Event event : events) {
        if (route.matches(event.name())) {
          routed.add(event.id());
          Set<String> has = reached.computeIfAbsent(event.id(), id -> new TreeSet<>(delivered.getOrDefault(id, Set.of())));
          if (!has.contains(route.target())) {
            matching.add(event);
          }
        }
      }
      Map<EventId, Exception> refused = new HashMap<>();
      deliver(route.handler(), matching, refused);
      for (Event event : matching) {
        Exception failure = refused.get(event.id());
        if (failure == null) {
          reached.get(event.id()).add(route.target());
        } else if (!failures.containsKey(event.id())) {
          failures.put(event.id(), failure);
          failedOn.put(event.id(), route);
        }
      }
    }
    failedOn.forEach((id, route) -> {
      Set<String> has = reached.get(id);
      if (route.named() || !has.isEmpty()) {
        failures.put(id, new TargetFailedException(route.target(), has, failures.get(id)));
      }
    });
    List<Event> unmatched = events.stream().filter(event -> !routed.contains(event.id())).toList();
    deliver(unrouted, unmatched, failures);
    return failures;
  }

  /** Routes a batch that no target has yet. */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) {
    return handleAll(events, Map.of());
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
      if (LeaseGuard.ended()) {
        failures.put(event.id(), LeaseGuard.endedFor(event));
        continue;
      }
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

  /** The names of the targets, in the order the routes were added. */
  public List<String> targets() {
    return routes.stream().map(Route::target).toList();
  }

  private record Route(String pattern, String target, boolean named, EventHandler handler) {
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
      return add(pattern, "route-" + (routes.size() + 1), false, handler);
    }

    /**
     * Sends events matching {@code pattern} to {@code handler}, a target named {@code target}:
     * the name recorded with an event that reached it, and in the error of one it failed.
     *
     * @param pattern {@code Aggregate.verb}, {@code Aggregate.*} or {@code *}
     * @param target letters, digits, '.', '_' and '-', at most 100, unique in this router
     * @throws IllegalArgumentException if the pattern or the name is malformed, or the name taken
     */
    public Builder route(String pattern, String target, EventHandler handler) {
      if (target == null || !VALID_TARGET.matcher(target).matches()) {
        throw new IllegalArgumentException(
            "route target must be letters, digits, '.', '_' and '-', at most 100, was " + target);
      }
      return add(pattern, target, true, handler);
    }

    private Builder add(String pattern, String target, boolean named, EventHandler handler) {
      Objects.requireNonNull(handler, "handler");
      if (pattern == null || !VALID_PATTERN.matcher(pattern).matches()) {
        throw new IllegalArgumentException(
            "route pattern must be Aggregate.verb, Aggregate.* or *, was " + pattern);
      }
      if (routes.stream().anyMatch(route -> route.target().equals(target))) {
        throw new IllegalArgumentException("route target " + target + " is named twice");
      }
      routes.add(new Route(pattern, target, named, handler));
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
