/**
 * Operating the outbox: {@link io.messagedriven.application.operations.Operations} shows what it
 * holds (counts per status, lag, throughput, failures by cause, aggregates held back, events by
 * filter, publishers with heartbeats) and changes it (requeue, delete, pause and resume a
 * tenant, purge), for one tenant or all. The admin CLI and the dashboard are built on it.
 *
 * <pre>{@code
 * Operations operations = new Operations(store.operations());
 * StatusReport status = operations.status(null);
 * Page<EventSummary> failed = operations.events(
 *     EventFilter.all().withStatus(EventStatus.FAILED), PageRequest.first(50));
 * operations.pause(operations.tenant("acme"), "billing outage");
 * }</pre>
 */
package io.messagedriven.application.operations;
