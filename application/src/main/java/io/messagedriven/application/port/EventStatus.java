package io.messagedriven.application.port;

/** Where an event is in its lifecycle. */
public enum EventStatus {
  /** Waiting to be claimed, for its first attempt or for a retry. */
  PENDING,
  /** Leased to a publisher, whose handler is working on it. */
  IN_FLIGHT,
  /** A handler accepted it. */
  PUBLISHED,
  /** Failed for good: a non-retryable error, or out of attempts. */
  FAILED
}
