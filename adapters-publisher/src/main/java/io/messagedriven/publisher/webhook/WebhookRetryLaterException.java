package io.messagedriven.publisher.webhook;

/**
 * The webhook refused this event with a status a later attempt may fix: a 5xx other than 502,
 * 503 and 504, or a {@linkplain WebhookHandler.Builder#retryableStatuses retryable 4xx} (408 and
 * 425 by default). The event is retried with backoff and spends an attempt.
 */
public final class WebhookRetryLaterException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public WebhookRetryLaterException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the webhook answered. */
  public int status() {
    return status;
  }
}
