package io.messagedriven.admin.dashboard.internal;

import com.sun.net.httpserver.HttpServer;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.operations.UnknownEventException;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.UnknownTenantException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's HTTP server: the page and its assets, the login, and the JSON API, each behind the guard. */
public final class DashboardServer {
  private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
  private static final String ASSETS = "/io/messagedriven/admin/dashboard/assets/";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8");
  private static final List<String> ASSET_NAMES = List.of("dashboard.js", "dashboard.css", "login.js");
  private static final int THREADS = 4;

  private final OperationsApi api;
  private final InetSocketAddress address;
  private final String token;
  private HttpServer server;
  private ExecutorService executor;
  private Guard guard;

  public DashboardServer(Operations operations, InetSocketAddress address, String token) {
    this.api = new OperationsApi(operations);
    this.address = address;
    this.token = token;
  }

  /** Binds and starts serving. */
  public synchronized void start() {
    if (server != null) {
      throw new IllegalStateException("the dashboard is started already");
    }
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + address, e);
    }
    guard = new Guard(token, server.getAddress().getPort(), Clock.systemUTC());
    AtomicInteger threads = new AtomicInteger();
    executor = Executors.newFixedThreadPool(THREADS, task -> {
      Thread thread = new Thread(task, "dashboard-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    server.createContext("/", exchange -> answer(new Http(exchange)));
    server.setExecutor(executor);
    server.start();
  }

  /** {@code http://host:port/} of the bound server. */
  public synchronized URI uri() {
    if (server == null) {
      throw new IllegalStateException("the dashboard is not started");
    }
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
  }

  public synchronized void close() {
    if (server != null) {
      server.stop(0); // JDK 17 waits out the whole delay whenever a connection is open
      executor.shutdown();
    }
  }

  private void answer(Http http) {
    try {
      route(http);
    } catch (Http.Refusal refusal) {
      http.problem(refusal.status, refusal.title, refusal.getMessage(), refusal.field);
    } catch (InvalidValueException e) {
      http.problem(422, "Invalid value", e.getMessage(), e.field());
    } catch (UnknownTenantException | UnknownEventException e) {
      http.problem(404, "Not found", e.getMessage(), null);
    } catch (DomainException e) {
      http.problem(422, "Refused", e.getMessage(), null);
    } catch (StoreException e) {
      log.warn("dashboard {} {}: {}", http.method(), http.path(), e.getMessage());
      http.problem(503, "Database unavailable", e.getMessage(), null);
    } catch (RuntimeException e) {
      log.error("dashboard {} {} failed", http.method(), http.path(), e);
      http.problem(500, "Internal error", "the dashboard failed to answer; see its log", null);
    }
  }

  private void route(Http http) {
    String path = http.path();
    String method = http.method();
    if (path.equals("/login")) {
      login(http, method);
    } else if (path.equals("/logout") && method.equals("POST")) {
      guard.requireSameOrigin(http, guard.require(http));
      http.header("Set-Cookie", guard.close(http));
      http.redirect("/login");
    } else if (path.startsWith("/assets/") && method.equals("GET")) {
      String name = path.substring("/assets/".length());
      if (!ASSET_NAMES.contains(name)) {
        throw new Http.Refusal(404, "Not found", "no asset " + name);
      }
      asset(http, name);
    } else if (path.equals("/") && method.equals("GET")) {
      if (guard.proof(http) == Guard.Proof.NONE) {
        http.redirect("/login");
      } else {
        asset(http, "index.html");
      }
    } else if (path.startsWith("/api/")) {
      Guard.Proof proof = guard.require(http);
      List<String> parts = Arrays.stream(path.substring(5).split("/")).filter(part -> !part.isEmpty()).toList();
      if (method.equals("GET")) {
        api.read(http, parts);
      } else if (method.equals("POST")) {
        guard.requireSameOrigin(http, proof);
        api.change(http, parts);
      } else {
        http.header("Allow", "GET, POST");
        throw new Http.Refusal(405, "Method not allowed", method + " is not allowed; use GET or POST");
      }
    } else {
      throw new Http.Refusal(404, "Not found", "the dashboard serves nothing at " + method + " " + path);
    }
  }

  /** {@code GET /login} shows the form; {@code POST /login} trades the token for a session cookie. */
  private void login(Http http, String method) {
    if (method.equals("GET")) {
      asset(http, "login.html");
      return;
    }
    if (!method.equals("POST")) {
      http.header("Allow", "GET, POST");
      throw new Http.Refusal(405, "Method not allowed", method + " is not allowed; use GET or POST");
    }
    guard.checkOrigin(http, false);
    String type = http.header("Content-Type");
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      throw new Http.Refusal(415, "Unsupported media type", "send the login form as application/x-www-form-urlencoded");
    }
    if (!guard.matches(Http.form(http.body()).get("token"))) {
      http.redirect("/login?failed");
      return;
    }
    http.header("Set-Cookie", guard.open());
    http.redirect("/");
  }

  private static void asset(Http http, String name) {
    try (InputStream in = DashboardServer.class.getResourceAsStream(ASSETS + name)) {
      if (in == null) {
        throw new IllegalStateException("the dashboard's jar lacks " + name);
      }
      http.send(200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
