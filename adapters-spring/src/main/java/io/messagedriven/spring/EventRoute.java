package io.messagedriven.spring;

import io.messagedriven.application.port.EventHandler;
import java.util.List;
import java.util.Objects;

/**
 * A route as a bean, for handlers you cannot annotate (a library's, such as a broker target):
 * the starter's router sends events whose names match {@code patterns} to {@code handler}, as it
 * does for {@link HandlesEvents} beans.
 *
 * <pre>{@code
 * @Bean
 * EventRoute toKafka(KafkaHandler kafka) {
 *   return EventRoute.of(kafka, "User.*");
 * }
 * }</pre>
 *
 * @param patterns {@code Aggregate.verb}, {@code Aggregate.*} or {@code *}; at least one
 * @param handler receives the matching events
 */
public record EventRoute(List<String> patterns, EventHandler handler) {

  /** Checks that both are given; the patterns themselves are checked when the router is built. */
  public EventRoute {
    Objects.requireNonNull(handler, "handler");
    patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("patterns: give at least one event name pattern");
    }
  }

  /** Routes the events matching {@code patterns} to {@code handler}. */
  public static EventRoute of(EventHandler handler, String... patterns) {
    return new EventRoute(List.of(patterns), handler);
  }
}
