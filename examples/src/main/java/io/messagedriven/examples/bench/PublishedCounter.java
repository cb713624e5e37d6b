package io.messagedriven.examples.bench;

import io.messagedriven.application.PublishingListener;
import io.messagedriven.application.port.ClaimedEvent;
import java.util.concurrent.atomic.LongAdder;

/** Counts the events a publisher marked published. */
final class PublishedCounter implements PublishingListener {
  private final LongAdder published = new LongAdder();

  @Override
  public void published(ClaimedEvent event) {
    published.increment();
  }

  long count() {
    return published.sum();
  }
}
