package io.messagedriven.spring.internal;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.publishing.PublishingListener;

/**
 * What measures the starter's publisher besides the application's own listener: it wraps the
 * router and hears what the publisher records. The metrics auto-configuration provides one when
 * Micrometer is bound, so the publisher's configuration never sees a Micrometer type.
 */
public interface PublisherInstruments {

  /** {@code router}, measured; it stays a {@code TargetedEventHandler}. */
  EventHandler handler(EventHandler router);

  /** The listener that records what the publisher does. */
  PublishingListener listener();
}
