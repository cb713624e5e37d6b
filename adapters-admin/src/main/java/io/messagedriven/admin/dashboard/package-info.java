/**
 * The outbox's web dashboard, {@link io.messagedriven.admin.dashboard.Dashboard}: one page on the
 * JDK's own HTTP server that shows what {@code io.messagedriven.application.operations.Operations}
 * reads (events per status, lag, throughput over the last hour, failures by cause, aggregates held
 * back, publishers, events by filter and one in full) and does (requeue, delete, pause and resume
 * a tenant). It listens on 127.0.0.1 by default and is guarded by a token; a request that changes
 * anything passes a CSRF check besides. Run it from the admin CLI ({@code dashboard --port 8081})
 * or embed it:
 *
 * <pre>{@code
 * Dashboard dashboard = Dashboard.builder().operations(new Operations(store.operations())).build();
 * dashboard.start();
 * }</pre>
 */
package io.messagedriven.admin.dashboard;
