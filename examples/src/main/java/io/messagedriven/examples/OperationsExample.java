package io.messagedriven.examples;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.operations.BulkResult;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.PublisherStatus;
import io.messagedriven.application.operations.StatusReport;
import io.messagedriven.application.operations.port.CauseGroup;
import io.messagedriven.application.operations.port.EventFilter;
import io.messagedriven.application.operations.port.EventSummary;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;

/**
 * The README's "Operate it" sample, compiled and run by the build (OperationsExampleIT): the part
 * between the tag comments is copied verbatim into README.md, and a test keeps the two equal.
 */
public final class OperationsExample {
  private OperationsExample() {}

  /** Prints the outbox's figures and failures, requeues the largest cause group, pauses and resumes {@code acme}. */
  static void run(PostgresStore store, PrintStream out) {
    // tag::operations[]
    Operations operations = new Operations(store.operations());

    StatusReport status = operations.status(null);                 // null: every tenant
    out.println(status.pending() + " pending, " + status.failed() + " failed, lag " + status.lag());
    for (PublisherStatus publisher : operations.publishers()) {
      out.println(publisher.publisher().owner() + " " + publisher.state());   // ALIVE, GONE or STOPPED
    }

    // Failures grouped by cause; requeue the largest group once its cause is fixed.
    for (CauseGroup cause : operations.failures(null, 10)) {
      out.println(cause.count() + " x " + cause.errorClass() + ": " + cause.message() + " [" + cause.key() + "]");
    }
    operations.failures(null, 1).stream().findFirst().ifPresent(largest -> {
      BulkResult requeued = operations.requeue(EventFilter.all().withCause(largest.key()), 100_000);
      out.println("requeued " + requeued.changed() + ", refused " + requeued.refused() + " (in flight)");
    });

    // The failed events of one tenant, newest first, a page at a time.
    TenantId acme = operations.tenant("acme");                     // by slug or id
    Page<EventSummary> failed = operations.events(
        EventFilter.all().forTenant(acme).withStatus(EventStatus.FAILED), PageRequest.first(50));
    failed.items().forEach(event -> out.println(event.id() + " " + event.name() + " " + event.errorMessage()));

    // Stop publishing one tenant's events for a while; events in flight finish.
    operations.pause(acme, "their webhook is down");
    operations.resume(acme);
    // end::operations[]
  }
}
