package io.messagedriven.examples;

import io.messagedriven.jdbi.user.PostgresUsers;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The seed's flow end to end: create a tenant and a few users through {@code CreateUser} (each
 * user and its {@code User.created} event in one transaction), then run a publisher until a
 * router has handed every event to a handler that prints it.
 *
 * <p>With no arguments it starts an embedded PostgreSQL; {@code --jdbc-url URL} or {@code
 * MESSAGE_DRIVEN_JDBC_URL} points it at your own database. It exits 0 when every event was
 * routed; otherwise it says why in one line on stderr and exits {@value Exit#FAILED} (not every
 * event routed), {@value Exit#USAGE} (a bad flag, or a JDBC URL the driver cannot parse), {@value
 * Exit#REFUSED} (the database refuses the settings: an unknown database or role, a wrong
 * password) or {@value Exit#UNREACHABLE} (the database is down or unreachable).
 */
public final class Demo {
  private static final List<String[]> PEOPLE = List.of(
      new String[] {"ada@example.com", "Ada Lovelace"},
      new String[] {"grace@example.com", "Grace Hopper"},
      new String[] {"alan@example.com", "Alan Turing"},
      new String[] {"barbara@example.com", "Barbara Liskov"},
      new String[] {"edsger@example.com", "Edsger Dijkstra"});

  private Demo() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The demo's one flag. */
  @Command(name = "Demo", mixinStandardHelpOptions = true,
      description = "Creates a tenant and users, then publishes their events to a handler that prints them.",
      footer = {"", "Without a URL (flag or " + Database.URL_VARIABLE + ") an embedded PostgreSQL is started.",
          "Exit codes: 0 every event routed, 1 not every event routed, 2 bad flags,",
          "3 the database refuses the settings, 4 the database is down or unreachable."})
  static final class Flags {
    @Option(names = "--jdbc-url", paramLabel = "URL", description = "jdbc:postgresql://host:port/db?user=...")
    String jdbcUrl;
  }

  /** Runs the demo; returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Flags flags = new Flags();
    CommandLine line = new CommandLine(flags);
    try {
      line.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      return Exit.with(Exit.USAGE, e.getMessage() + " (--help lists the flags)", err);
    }
    if (line.isUsageHelpRequested() || line.isVersionHelpRequested()) {
      line.usage(new PrintWriter(out, true, StandardCharsets.UTF_8));
      return Exit.OK;
    }
    Quiet.libraries();
    try (Database database = Database.open(flags.jdbcUrl, out)) {
      Optional<String> malformed = DatabaseFailures.malformed(database.jdbcUrl());
      if (malformed.isPresent()) {
        return Exit.with(Exit.USAGE, malformed.get(), err);
      }
      try (PostgresStore store = PostgresStore.builder().jdbcUrl(database.jdbcUrl()).changelog(PostgresUsers.CHANGELOG).build()) {
        return demo(store, out, err);
      } catch (StoreException e) {
        return Exit.with(DatabaseFailures.waitingHelps(e) ? Exit.UNREACHABLE : Exit.REFUSED, e.getMessage(), err);
      } catch (IllegalArgumentException e) {
        return Exit.with(Exit.USAGE, e.getMessage(), err);
      }
    }
  }

  /** Creates the tenant and users, then publishes their events; returns the exit code. */
  private static int demo(PostgresStore store, PrintStream out, PrintStream err) {
    long started = System.nanoTime();
    try {
      out.println("Schema migrated.");
      Clock clock = Clock.systemUTC();

      // 1. A tenant, then users through the CreateUser use case.
      String slug = "demo-" + UUID.randomUUID().toString().substring(0, 8);
      Tenant tenant = new CreateTenant(store.transactions(), clock).handle(new CreateTenantCommand(slug, "Demo Corp"));
      out.println("Created tenant " + tenant.slug() + " (" + tenant.id() + ")");
      CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
      Set<String> expected = ConcurrentHashMap.newKeySet();
      for (String[] person : PEOPLE) {
        User user = createUser.handle(CreateUserCommand.of(tenant.id(), person[0], person[1]));
        expected.add(user.id().toString());
        out.println("  created user " + user.email() + " and its User.created event, in one transaction");
      }
      try {
        createUser.handle(CreateUserCommand.of(tenant.id(), "ADA@example.com", "Ada again"));
      } catch (DomainException refused) {
        out.println("  refused as expected: " + refused.getMessage());
      }

      // 2. A publisher routes the events; the handler prints each one.
      CountDownLatch routed = new CountDownLatch(expected.size());
      EventRouter router = EventRouter.builder()
          .route("User.created", event -> {
            if (expected.remove(event.aggregateId())) {
              out.println("  -> routed " + describe(event));
              routed.countDown();
            }
          })
          .build();
      FailureCounter failures = new FailureCounter(out);
      out.println("Publishing " + routed.getCount() + " events...");
      try (Publisher publisher = Publisher.builder()
          .outbox(store.outbox())
          .signals(store.signals())
          .handler(router)
          .listener(failures)
          .name("demo")
          .build()) {
        publisher.start();
        boolean done = routed.await(30, TimeUnit.SECONDS);
        publisher.stop(Duration.ofSeconds(10));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        out.println();
        out.println("Summary");
        out.println("  tenant           " + tenant.slug());
        out.println("  users created    " + PEOPLE.size() + " (1 duplicate refused)");
        out.println("  events routed    " + (PEOPLE.size() - routed.getCount()) + " of " + PEOPLE.size());
        out.println("  handler failures " + failures.count);
        out.println("  took             " + millis + " ms");
        if (!done) {
          return Exit.with(Exit.FAILED, "not every event was routed within 30 s", err);
        }
        return Exit.OK;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Exit.with(Exit.FAILED, "interrupted", err);
    }
  }

  private static String describe(Event event) {
    return event.name() + " id=" + event.id() + " payload=" + event.payload();
  }

  /** Prints and counts failed handler attempts; the demo expects none. */
  private static final class FailureCounter implements PublishingListener {
    private final PrintStream out;
    volatile int count;

    FailureCounter(PrintStream out) {
      this.out = out;
    }

    @Override
    public void retried(ClaimedEvent event, Duration delay, Failure failure) {
      count++;
      out.println("  !! " + event.event().name() + " failed, retrying in " + delay + ": " + failure.message());
    }

    @Override
    public void failed(ClaimedEvent event, Failure failure) {
      count++;
      out.println("  !! " + event.event().name() + " failed: " + failure.message());
    }
  }
}
