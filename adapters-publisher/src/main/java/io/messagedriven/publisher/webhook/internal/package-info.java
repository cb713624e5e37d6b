/** How a webhook message is written and signed; not public API. */
package io.messagedriven.publisher.webhook.internal;
