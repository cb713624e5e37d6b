package io.messagedriven.examples.http;

import com.sun.net.httpserver.HttpServer;
import io.messagedriven.application.port.CommitOutcomeUnknownException;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seed's HTTP API on the JDK's own {@link HttpServer}: {@code POST /api/tenants/{slug}/users}
 * creates a user through {@link CreateUser} (the user and its {@code User.created} event in one
 * transaction), {@code GET /api/tenants/{slug}/users/{id}} reads one, {@code GET
 * /api/tenants/{slug}/users?email=...} finds one by email, and {@code GET
 * /api/tenants/{slug}/users?after=...&limit=...} lists them by keyset pages.
 *
 * <p>Errors are RFC 9457 problem details ({@code application/problem+json}): 400 malformed JSON
 * or query, 404 an unknown tenant or user, 405 a method the path does not take, 409 a duplicate
 * email, 413 a body over 64 KiB, 415 a body that is not {@code application/json}, 422 an invalid
 * value (the problem's {@code field} names it), 503 the database is unavailable. A refused request
 * writes nothing. {@link ApiServerMain} runs it from the command line.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  private static final int THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final UsersResource users;

  private ApiServer(HttpServer server, ExecutorService executor, UsersResource users) {
    this.server = server;
    this.executor = executor;
    this.users = users;
  }

  /**
   * Serves the API of {@code store}'s users on {@code address} (port 0 picks a free one) until
   * {@link #close()}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static ApiServer start(PostgresStore store, InetSocketAddress address) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(address, "address");
    Clock clock = Clock.systemUTC();
    UsersResource users = new UsersResource(new TenantQueries(store.transactions()),
        new UserQueries(store.transactions(), new PostgresUsers()),
        new CreateUser(store.transactions(), new PostgresUsers(), clock));
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "api-server-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    ApiServer api = new ApiServer(server, executor, users);
    server.createContext("/", http -> api.answer(new Exchange(http)));
    server.setExecutor(executor);
    server.start();
    return api;
  }

  /** Where the server listens, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
  }

  /** Stops listening, letting requests in progress finish for up to a second. */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdown();
  }

  private void answer(Exchange exchange) {
    try {
      route(exchange);
    } catch (Problem.Refusal refusal) {
      exchange.send(refusal.problem());
    } catch (InvalidValueException e) {
      exchange.send(Problem.of(422, "invalid-value", "Invalid value", e.getMessage()).about(e.field()));
    } catch (UnknownTenantException e) {
      exchange.send(Problem.of(404, "unknown-tenant", "Unknown tenant", e.getMessage()));
    } catch (DuplicateEmailException e) {
      exchange.send(Problem.of(409, "duplicate-email", "Duplicate email", e.getMessage()).about("email"));
    } catch (DomainException e) {
      exchange.send(Problem.of(422, "refused", "Refused", e.getMessage()));
    } catch (CommitOutcomeUnknownException e) {
      log.warn("{} {}: {}", exchange.method(), exchange.path(), e.getMessage());
      exchange.send(Problem.of(503, "commit-outcome-unknown", "Outcome unknown",
          "the connection was lost while committing; the request may or may not have been written"));
    } catch (StoreException e) {
      log.warn("{} {}: {}", exchange.method(), exchange.path(), e.getMessage());
      exchange.send(Problem.of(503, "store-unavailable", "Database unavailable",
          "the database cannot serve the request now; nothing was written, try again"));
    } catch (RuntimeException e) {
      log.error("{} {} failed", exchange.method(), exchange.path(), e);
      exchange.send(Problem.of(500, "internal-error", "Internal error", "the server failed to answer; see its log"));
    }
  }

  private void route(Exchange exchange) {
    List<String> path = exchange.segments();
    boolean users = path.size() >= 4 && path.size() <= 5
        && path.get(0).equals("api") && path.get(1).equals("tenants") && path.get(3).equals("users");
    if (!users) {
      throw Problem.of(404, "not-found", "Not found", "nothing is served at " + exchange.path()
          + "; the API is under /api/tenants/{slug}/users").refusal();
    }
    this.users.handle(exchange, path.get(2), path.size() == 5 ? Optional.of(path.get(4)) : Optional.empty());
  }
}
