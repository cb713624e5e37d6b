package io.messagedriven.publisher.webhook;

import static io.messagedriven.publisher.BuilderChecks.positive;
import static io.messagedriven.publisher.BuilderChecks.require;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.Acknowledgements;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.webhook.internal.Envelope;
import io.messagedriven.publisher.webhook.internal.Signature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Publishes each event as an HTTP {@code POST} of a JSON envelope to one URL, signed with a shared
 * secret. Needs nothing but the JDK.
 *
 * <p>The body is {@code {"id", "tenantId", "aggregateType", "aggregateId", "name", "occurredAt",
 * "headers": {...}, "payload": {...}}}; the request carries the {@link MessageHeaders} as HTTP
 * headers too, and {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the exact
 * body bytes with the secret. A receiver recomputes it to trust the body, and deduplicates on
 * {@code id}: delivery is at least once.
 *
 * <p>A 2xx answer publishes the event. 5xx and 429 ({@link WebhookUnavailableException}),
 * timeouts and connection errors are retried with backoff; any other status ({@link
 * WebhookRejectedException}) fails the event at once. A batch is sent concurrently, up to
 * {@link Builder#maxConcurrentRequests} requests at a time, then every answer is awaited.
 *
 * <pre>{@code
 * WebhookHandler webhook = WebhookHandler.builder()
 *     .url("https://hooks.example.com/events")
 *     .secret(System.getenv("WEBHOOK_SECRET"))
 *     .build();
 * }</pre>
 */
public final class WebhookHandler implements BatchEventHandler {
  /** The request header holding {@code sha256=} and the hex HMAC-SHA256 of the body. */
  public static final String SIGNATURE_HEADER = "Message-Driven-Signature";

  /** Headers the JDK's client sets itself and refuses from callers. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final URI url;
  private final Signature signature;
  private final Duration requestTimeout;
  private final Duration answerTimeout;
  private final Map<String, String> extraHeaders;
  private final Semaphore concurrency;
  private final HttpClient client;

  private WebhookHandler(Builder builder, URI url) {
    this.url = url;
    this.signature = new Signature(builder.secret.getBytes(StandardCharsets.UTF_8));
    this.requestTimeout = builder.requestTimeout;
    this.answerTimeout = builder.requestTimeout.plus(builder.connectTimeout).plusSeconds(1);
    this.extraHeaders = Map.copyOf(builder.headers);
    this.concurrency = new Semaphore(builder.maxConcurrentRequests);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(builder.connectTimeout)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Posts every event, then awaits every answer. */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws InterruptedException {
    Acknowledgements acks = new Acknowledgements();
    for (Event event : events) {
      concurrency.acquire();
      CompletableFuture<Void> answer;
      try {
        answer = client.sendAsync(request(event), HttpResponse.BodyHandlers.discarding())
            .thenAccept(response -> check(event, response.statusCode()));
      } catch (RuntimeException e) {
        concurrency.release();
        acks.fail(event.id(), e);
        continue;
      }
      answer.whenComplete((ok, error) -> concurrency.release());
      acks.expect(event.id(), answer);
    }
    return acks.await(answerTimeout);
  }

  private HttpRequest request(Event event) {
    byte[] body = Envelope.json(event).getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header(SIGNATURE_HEADER, signature.sign(body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    MessageHeaders.of(event).forEach((name, value) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        request.header(name, value);
      }
    });
    extraHeaders.forEach(request::header);
    return request.build();
  }

  private void check(Event event, int status) {
    if (status >= 200 && status < 300) {
      return;
    }
    String message = "webhook " + url + " answered " + status + " for event " + event.name() + " (id " + event.id() + ")";
    if (status >= 500 || status == 429) {
      throw new WebhookUnavailableException(status, message);
    }
    throw new WebhookRejectedException(status, message);
  }

  @Override
  public String toString() {
    return "WebhookHandler[" + url + "]";
  }

  /** Settings of a {@link WebhookHandler}; {@link #build()} checks them. */
  public static final class Builder {
    private String url;
    private String secret;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration requestTimeout = Duration.ofSeconds(10);
    private int maxConcurrentRequests = 32;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** The {@code http} or {@code https} URL to post to. Required. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * The shared secret the body is signed with (HMAC-SHA256 of its UTF-8 bytes). Required; use
     * at least 32 random bytes.
     */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** How long to wait for a connection. Default: 5 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** How long to wait for the answer to one request; a timeout is retried. Default: 10 s. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Most requests in flight at once, 1 to 1,000. Default: 32. */
    public Builder maxConcurrentRequests(int maxConcurrentRequests) {
      this.maxConcurrentRequests = maxConcurrentRequests;
      return this;
    }

    /** One more header on every request, such as {@code Authorization}. Default: none. */
    public Builder header(String name, String value) {
      if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+") || RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header name must be an HTTP token the client may set, was " + name);
      }
      if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
        throw new IllegalArgumentException("header " + name + " needs a value on one line, was " + value);
      }
      headers.put(name, value);
      return this;
    }

    /**
     * Checks the settings and creates the handler.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public WebhookHandler build() {
      URI uri = parse(url);
      require(secret != null && !secret.isEmpty(), "secret is required, was " + (secret == null ? "null" : "empty"));
      require(positive(connectTimeout), "connectTimeout must be positive, was " + connectTimeout);
      require(positive(requestTimeout), "requestTimeout must be positive, was " + requestTimeout);
      require(maxConcurrentRequests >= 1 && maxConcurrentRequests <= 1_000,
          "maxConcurrentRequests must be 1 to 1000, was " + maxConcurrentRequests);
      return new WebhookHandler(this, uri);
    }

    private static URI parse(String url) {
      require(url != null, "url is required, was null");
      try {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        require((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
            "url must be an absolute http or https URL, was " + url);
        return uri;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("url must be an absolute http or https URL, was " + url, e);
      }
    }
  }
}
