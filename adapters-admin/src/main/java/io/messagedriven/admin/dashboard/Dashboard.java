package io.messagedriven.admin.dashboard;

import io.messagedriven.admin.dashboard.internal.DashboardServer;
import io.messagedriven.application.operations.Operations;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The outbox's web dashboard: one page that shows the events per status, the lag and the
 * throughput of the last hour, failures grouped by cause, aggregates held back, publishers, and
 * the events by filter with one event in full; an operator requeues and deletes events and pauses
 * and resumes a tenant from it. It runs on the JDK's own HTTP server, on the {@link Operations}
 * it is given, and carries no framework.
 *
 * <p>It listens on 127.0.0.1 unless told otherwise, and every request needs its token: as {@code
 * Authorization: Bearer <token>}, or once through its login page, which sets an {@code HttpOnly},
 * {@code SameSite=Strict} session cookie. A request that changes anything (requeue, delete,
 * pause, resume) needs the token and passes a CSRF check besides: it carries the header {@value
 * #CSRF_HEADER}, which a page of another origin cannot send without the dashboard's consent (it
 * never gives it), and its {@code Origin}, which a browser always sends with it, must be the
 * dashboard's own. Every value the page shows is set as text, never as markup, and a strict
 * Content-Security-Policy lets no inline script run.
 *
 * <pre>{@code
 * try (Dashboard dashboard = Dashboard.builder()
 *     .operations(new Operations(store.operations()))
 *     .port(8081)
 *     .build()) {
 *   dashboard.start();
 *   System.out.println("Open " + dashboard.loginUri() + " with the token " + dashboard.token());
 *   ...
 * }
 * }</pre>
 */
public final class Dashboard implements AutoCloseable {
  /** The header every state-changing request carries, with the value {@value #CSRF_VALUE}. */
  public static final String CSRF_HEADER = "X-Message-Driven-Dashboard";
  /** The value of {@link #CSRF_HEADER}. */
  public static final String CSRF_VALUE = "1";
  /** The shortest token accepted. */
  public static final int MIN_TOKEN_LENGTH = 16;
  private static final int MAX_TOKEN_LENGTH = 512;

  private final DashboardServer server;
  private final String token;

  private Dashboard(DashboardServer server, String token) {
    this.server = server;
    this.token = token;
  }

  /** A builder with every setting at its default; {@link Builder#operations} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening. A dashboard starts once.
   *
   * @throws java.io.UncheckedIOException when the address cannot be bound (the port is taken)
   */
  public void start() {
    server.start();
  }

  /** Where the page is served, such as {@code http://127.0.0.1:8081/}; after {@link #start()}, with the port bound. */
  public URI uri() {
    return server.uri();
  }

  /** The login page, where a browser exchanges the token for a session cookie. */
  public URI loginUri() {
    return server.uri().resolve("login");
  }

  /** The token that guards the dashboard: the one given to the builder, or the one it generated. */
  public String token() {
    return token;
  }

  /** Stops listening at once; a request in progress is cut off. */
  @Override
  public void close() {
    server.close();
  }

  /** Settings of a {@link Dashboard}; {@link #build()} checks them. */
  public static final class Builder {
    private Operations operations;
    private String bindAddress = "127.0.0.1";
    private int port = 8081;
    private String token;

    private Builder() {}

    /** What the dashboard shows and does, such as {@code new Operations(store.operations())}. Required. */
    public Builder operations(Operations operations) {
      this.operations = operations;
      return this;
    }

    /**
     * The address to listen on. Default: {@code 127.0.0.1}, so only this machine reaches it. Bind
     * to another address only behind TLS (a reverse proxy): the token travels with every request.
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /** The port, 0 to 65,535; 0 picks a free one (read it from {@link Dashboard#uri()}). Default: 8081. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The token that guards the dashboard, {@value Dashboard#MIN_TOKEN_LENGTH} to 512 printable
     * ASCII characters without spaces. Default: 32 random bytes, URL-safe Base64, read it from
     * {@link Dashboard#token()}.
     */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * A dashboard with these settings, not yet listening.
     *
     * @throws IllegalArgumentException naming the setting and its bad value (a token is never
     *     shown, only its length)
     */
    public Dashboard build() {
      require(operations != null, "operations is required");
      require(bindAddress != null && !bindAddress.isBlank(), "bindAddress must be set, was " + bindAddress);
      require(port >= 0 && port <= 65_535, "port must be 0 to 65535, was " + port);
      String chosen = token == null ? randomToken() : token;
      require(chosen.length() >= MIN_TOKEN_LENGTH && chosen.length() <= MAX_TOKEN_LENGTH,
          "token must be " + MIN_TOKEN_LENGTH + " to " + MAX_TOKEN_LENGTH + " characters, was " + chosen.length());
      require(chosen.chars().allMatch(c -> c > 0x20 && c < 0x7f),
          "token must be printable ASCII without spaces, was a token of " + chosen.length() + " characters that is not");
      InetSocketAddress address = new InetSocketAddress(bindAddress, port);
      require(!address.isUnresolved(), "bindAddress must be an address of this machine, was " + bindAddress);
      return new Dashboard(new DashboardServer(Objects.requireNonNull(operations), address, chosen), chosen);
    }

    private static String randomToken() {
      byte[] bytes = new byte[32];
      new SecureRandom().nextBytes(bytes);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void require(boolean ok, String message) {
      if (!ok) {
        throw new IllegalArgumentException(message);
      }
    }
  }
}
