package io.messagedriven.publisher.webhook;

/**
 * The webhook answered a 5xx or a {@linkplain WebhookHandler.Builder#retryableStatuses retryable
 * 4xx} (408, 425, 429 by default): it may accept the event later, so the event is retried with
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
