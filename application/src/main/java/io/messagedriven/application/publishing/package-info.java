/**
 * The publishing step: claim due events, hand each to an {@link io.messagedriven.application.port.EventHandler}, and mark it published, due for a retry by the {@link io.messagedriven.application.publishing.RetryPolicy}, or failed; {@link io.messagedriven.application.publishing.PublishingListener} hears of each outcome. The publisher adapter runs it on threads.
 */
package io.messagedriven.application.publishing;
