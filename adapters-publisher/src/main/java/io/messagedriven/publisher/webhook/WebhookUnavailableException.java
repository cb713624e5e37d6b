package io.messagedriven.publisher.webhook;

/**
 * The webhook answered 5xx or 429: it may accept the event later, so the event is retried with
 * backoff.
 */
public final class WebhookUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public WebhookUnavailableException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the webhook answered. */
  public int status() {
    return status;
  }
}
