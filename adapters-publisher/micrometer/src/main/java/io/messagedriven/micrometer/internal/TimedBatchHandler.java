package io.messagedriven.micrometer.internal;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.util.List;
import java.util.Map;

/**
 * A batch handler timed per call: each event of a batch is recorded with the time of the whole
 * call, since it is sent and acknowledged with the others; a single event goes through {@link
 * TimedHandler#handle}.
 */
public class TimedBatchHandler extends TimedHandler implements BatchEventHandler {
  private final BatchEventHandler delegate;

  public TimedBatchHandler(Meters meters, String target, BatchEventHandler delegate) {
    super(meters, target, delegate);
    this.delegate = delegate;
  }

  /** One call of the delegate on a batch. */
  @FunctionalInterface
  interface BatchCall {
    Map<EventId, Exception> run() throws Exception;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws Exception {
    return timed(events, () -> delegate.handleAll(events));
  }

  /** Runs {@code call} on {@code events}, recording each event with the call's time and its outcome. */
  Map<EventId, Exception> timed(List<Event> events, BatchCall call) throws Exception {
    long start = System.nanoTime();
    Map<EventId, Exception> failures = null;
    boolean threw = true;
    try {
      failures = call.run();
      threw = false;
      return failures;
    } finally {
      long nanos = System.nanoTime() - start;
      for (Event event : events) {
        record(event, !threw && failures != null && !failures.containsKey(event.id()), nanos);
      }
    }
  }
}
