package io.messagedriven.publisher.webhook;

import io.messagedriven.application.port.NonRetryableException;

/**
 * The webhook answered a status that retrying cannot change (a redirect, or a 4xx other than the
 * {@linkplain WebhookHandler.Builder#retryableStatuses retryable ones}): the event is failed at
 * once, keeping this error.
 */
public final class WebhookRejectedException extends NonRetryableException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public WebhookRejectedException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the webhook answered. */
  public int status() {
    return status;
  }
}
