package io.messagedriven.application.port;

/**
 * Thrown by an {@link EventHandler} when trying again cannot help (the event is malformed for the
 * target, the target refuses it for good): the event goes straight to failed, keeping this
 * error.
 */
public class NonRetryableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NonRetryableException(String message) {
    super(message);
  }

  public NonRetryableException(String message, Throwable cause) {
    super(message, cause);
  }
}
