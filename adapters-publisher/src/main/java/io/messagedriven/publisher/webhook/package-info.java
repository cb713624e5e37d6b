/**
 * Webhooks: {@link io.messagedriven.publisher.webhook.WebhookHandler} posts each event as a JSON
 * envelope signed as Standard Webhooks sign, with the JDK's HTTP client, and counts it published
 * on a 2xx answer.
 *
 * <pre>{@code
 * EventRouter router = EventRouter.builder()
 *     .route("User.created", WebhookHandler.builder()
 *         .url("https://crm.example.com/hooks/users")
 *         .secret(secret)                       // receivers verify webhook-signature
 *         .requestTimeout(Duration.ofSeconds(5))
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>5xx, 408, 425, 429, timeouts and connection errors are retried with the publisher's backoff;
 * other statuses fail the event at once ({@link io.messagedriven.publisher.webhook.WebhookRejectedException}).
 */
package io.messagedriven.publisher.webhook;
