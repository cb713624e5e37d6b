package io.messagedriven.examples;

import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.PostgresStore;
import java.io.PrintStream;

/**
 * The README's "Querying users" sample, compiled and run by the build (QueryingExampleIT): the
 * part between the tag comments is copied verbatim into README.md, and a test keeps the two equal.
 */
public final class QueryingExample {
  private QueryingExample() {}

  /** Prints the users of the tenant {@code acme} and the history of {@code ada@example.com}. */
  static void run(PostgresStore store, PrintStream out) {
    // tag::query[]
    TenantQueries tenants = new TenantQueries(store.transactions());
    UserQueries users = new UserQueries(store.transactions(), new PostgresUsers());

    Tenant acme = tenants.findBySlug("acme").orElseThrow();        // the tenant directory
    User ada = users.findByEmail(acme.id(), "ADA@example.com")     // ignoring case
        .orElseThrow();

    // Every user of the tenant, page by page, in the order they were created.
    Page<User> page = users.list(acme.id(), PageRequest.first(100));
    page.items().forEach(user -> out.println(user.email() + " " + user.name()));
    while (page.hasNext()) {
      page = users.list(acme.id(), PageRequest.after(page.nextCursor(), 100));
      page.items().forEach(user -> out.println(user.email() + " " + user.name()));
    }

    // What happened to Ada, and where each event is in the outbox.
    for (EventRecord record : users.history(acme.id(), ada.id(), PageRequest.first(20)).items()) {
      out.println(record.event().name() + " " + record.status() + " after " + record.attempts() + " attempt(s)");
    }
    // end::query[]
  }
}
