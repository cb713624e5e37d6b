package io.messagedriven.micrometer.internal;

import io.messagedriven.domain.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The meters of publishing, one per name and tags, looked up in the registry on each use. */
public final class Meters {
  public static final String PUBLISHED = "message_driven.published";
  public static final String RETRIED = "message_driven.retried";
  public static final String FAILED = "message_driven.failed";
  public static final String UNAVAILABLE = "message_driven.unavailable";
  public static final String LEASE_LOST = "message_driven.lease_lost";
  public static final String HANDLER = "message_driven.handler";
  public static final String LATENCY = "message_driven.latency";
  public static final String EVENTS = "message_driven.events";
  public static final String LAG = "message_driven.lag";

  public static final String EVENT = "event";
  public static final String TARGET = "target";
  public static final String TENANT = "tenant";
  public static final String STATUS = "status";
  public static final String OUTCOME = "outcome";

  private final MeterRegistry registry;
  private final boolean tenantTag;

  public Meters(MeterRegistry registry, boolean tenantTag) {
    this.registry = registry;
    this.tenantTag = tenantTag;
  }

  public MeterRegistry registry() {
    return registry;
  }

  public boolean tenantTag() {
    return tenantTag;
  }

  /** The tags of {@code event} handled for {@code target}: its name, the target and, if chosen, its tenant. */
  Tags tags(String target, Event event) {
    Tags tags = Tags.of(EVENT, event.name(), TARGET, target);
    return tenantTag ? tags.and(TENANT, event.tenantId().toString()) : tags;
  }

  void count(String name, String description, String target, Event event) {
    Counter.builder(name).description(description).tags(tags(target, event)).register(registry).increment();
  }

  void time(String name, String description, Tags tags, Duration took) {
    Timer.builder(name).description(description).tags(tags).register(registry)
        .record(took.isNegative() ? Duration.ZERO : took);
  }
}
