package io.messagedriven.examples.http;

import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.admin.dashboard.Dashboard;
import io.messagedriven.examples.Args;
import io.messagedriven.examples.DashboardExample;
import io.messagedriven.examples.Database;
import io.messagedriven.examples.Quiet;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the {@link ApiServer} until the process is stopped (SIGTERM or Ctrl-C), so the seed's flow
 * can be driven with curl:
 *
 * <pre>
 * ./mvnw -q -pl examples -am -DskipTests package exec:java \
 *     -Dexec.mainClass=io.messagedriven.examples.http.ApiServerMain -Dexec.args="--port 8080"
 * </pre>
 *
 * <p>Flags: {@code --port} (default 8080), {@code --bind} (default 127.0.0.1), {@code --jdbc-url}
 * (or {@code MESSAGE_DRIVEN_JDBC_URL}; without one an embedded PostgreSQL is started and its URL
 * printed), {@code --tenant} (a slug, default {@code acme}: created when it does not exist, so
 * there is a tenant to add users to), {@code --dashboard-port} (also serve the web dashboard on
 * 127.0.0.1 at that port, guarded by {@code MESSAGE_DRIVEN_DASHBOARD_TOKEN} or a token it prints;
 * default: no dashboard). A bad flag exits 2 with one line on stderr; a database that
 * refuses the settings or cannot be reached exits 3.
 */
public final class ApiServerMain {
  private static final String USAGE =
      "usage: ApiServerMain [--port 8080] [--bind 127.0.0.1] [--jdbc-url URL] [--tenant acme] [--dashboard-port 8081]";
  private static final String DASHBOARD_TOKEN = "MESSAGE_DRIVEN_DASHBOARD_TOKEN";

  private ApiServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      awaitQuietly(stopped);
    }, "api-server-stop"));
    int code = run(args, System.out, System.err, stop);
    stopped.countDown();
    System.exit(code);
  }

  /** Serves until {@code stop} counts down; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stop) throws InterruptedException {
    Args flags;
    int port;
    int dashboardPort;
    try {
      flags = Args.parse(args, Set.of("port", "bind", "jdbc-url", "tenant", "dashboard-port"));
      port = flags.intValue("port", 8080, 0, 65_535);
      dashboardPort = flags.intValue("dashboard-port", -1, 0, 65_535);
      Tenant.validSlug(flags.get("tenant", "acme"));
    } catch (IllegalArgumentException | DomainException e) {
      err.println("error: " + e.getMessage() + "; " + USAGE);
      return 2;
    }
    if (flags.help()) {
      out.println(USAGE);
      return 0;
    }
    Quiet.libraries();
    try (Database database = Database.open(flags.get("jdbc-url"), out);
        PostgresStore store = PostgresStore.builder().jdbcUrl(database.jdbcUrl()).changelog(PostgresUsers.CHANGELOG).build();
        ApiServer server = ApiServer.start(store, new InetSocketAddress(flags.get("bind", "127.0.0.1"), port))) {
      Tenant tenant = tenant(store, flags.get("tenant", "acme"));
      out.println("Database: " + Database.redact(database.jdbcUrl()));
      out.println("Serving the HTTP API on " + server.uri() + "/api/tenants/" + tenant.slug() + "/users");
      if (dashboardPort < 0) {
        stop.await();
        return 0;
      }
      try (Dashboard dashboard = DashboardExample.start(store, dashboardPort, System.getenv(DASHBOARD_TOKEN), out)) {
        if (System.getenv(DASHBOARD_TOKEN) == null) {
          out.println("Dashboard token: " + dashboard.token() + " (set " + DASHBOARD_TOKEN + " to choose it)");
        }
        stop.await();
        return 0;
      }
    } catch (StoreException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 3;
    }
  }

  /** The tenant with this slug, created if it does not exist yet. */
  private static Tenant tenant(PostgresStore store, String slug) {
    return new TenantQueries(store.transactions()).findBySlug(slug).orElseGet(() ->
        new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand(slug, slug)));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
