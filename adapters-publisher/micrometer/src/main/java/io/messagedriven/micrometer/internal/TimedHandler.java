package io.messagedriven.micrometer.internal;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;

/** A handler whose every call is timed, tagged with the event, the target and the outcome. */
public class TimedHandler implements EventHandler {
  static final String SUCCESS = "success";
  static final String FAILURE = "failure";

  final Meters meters;
  final String target;
  private final EventHandler delegate;

  public TimedHandler(Meters meters, String target, EventHandler delegate) {
    this.meters = meters;
    this.target = target;
    this.delegate = delegate;
  }

  @Override
  public void handle(Event event) throws Exception {
    long start = System.nanoTime();
    boolean ok = false;
    try {
      delegate.handle(event);
      ok = true;
    } finally {
      record(event, ok, System.nanoTime() - start);
    }
  }

  void record(Event event, boolean ok, long nanos) {
    Tags tags = meters.tags(target, event).and(Meters.OUTCOME, ok ? SUCCESS : FAILURE);
    meters.time(Meters.HANDLER, "time the target's handler took for an event", tags, Duration.ofNanos(nanos));
  }

  @Override
  public String toString() {
    return "timed(" + target + ", " + delegate + ")";
  }
}
