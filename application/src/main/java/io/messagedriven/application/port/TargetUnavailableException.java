package io.messagedriven.application.port;

/**
 * Thrown by an {@link EventHandler} when its target as a whole cannot take messages now: it is
 * down, unreachable, or answers "unavailable". That is an outage, not the event's fault: the
 * event keeps its attempts and its place in its aggregate, and the publisher backs off the target
 * as a whole, probing it with one event at a time until it answers again, however long the outage
 * lasts. Connection failures ({@code ConnectException}, timeouts) found in a handler's exception
 * count as outages too; throw an ordinary exception for a refusal of one event that a later
 * attempt may fix, and a {@link NonRetryableException} for one it cannot.
 */
public class TargetUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TargetUnavailableException(String message) {
    super(message);
  }

  public TargetUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
