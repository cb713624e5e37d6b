package io.messagedriven.publisher.webhook;

import io.messagedriven.application.port.TargetUnavailableException;

/**
 * The webhook answered that it is unavailable: 502, 503 or 504 (or 429, too many requests). That
 * is an outage of the target, not the event's fault: the event keeps its attempts and the
 * publisher probes the webhook until it answers again. Other 5xx answers and the {@linkplain
 * WebhookHandler.Builder#retryableStatuses retryable 4xx} are {@link WebhookRetryLaterException}s.
 */
public final class WebhookUnavailableException extends TargetUnavailableException {
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
