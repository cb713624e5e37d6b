package io.messagedriven.examples;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README's "Embed it" sample, compiled and run by the build (EmbeddingExampleIT): the part
 * between the tag comments is copied verbatim into README.md, and a test keeps the two equal.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /** Runs the sample on {@code jdbcUrl}; returns the user it created once its event was handled. */
  static User run(String jdbcUrl, PrintStream out) throws InterruptedException {
    // tag::embed[]
    try (PostgresStore store = PostgresStore.builder()
        .jdbcUrl(jdbcUrl)                      // runs the Liquibase migrations on start
        .changelog(PostgresUsers.CHANGELOG)    // and the sample's users table
        .build()) {
      Clock clock = Clock.systemUTC();
      Tenant acme = new CreateTenant(store.transactions(), clock)
          .handle(new CreateTenantCommand("acme", "Acme Corp"));

      // The user and its User.created event are written in one transaction.
      CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
      User ada = createUser.handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada Lovelace"));

      // A publisher hands each event to the router, outside any transaction.
      CountDownLatch welcomed = new CountDownLatch(1);
      EventRouter router = EventRouter.builder()
          .route("User.created", event -> {
            out.println("welcome " + event.payload());
            welcomed.countDown();
          })
          .build();
      try (Publisher publisher = Publisher.builder()
          .outbox(store.outbox())
          .signals(store.signals())              // wake at once on commit (LISTEN/NOTIFY)
          .handler(router)
          .build()) {
        publisher.start();
        welcomed.await(10, TimeUnit.SECONDS);    // your application would go on working here
      }                                          // close() lets running handlers finish
      return ada;
    }
    // end::embed[]
  }
}
