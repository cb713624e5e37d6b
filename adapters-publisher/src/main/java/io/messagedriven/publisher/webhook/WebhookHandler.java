package io.messagedriven.publisher.webhook;

import static io.messagedriven.publisher.BuilderChecks.positive;
import static io.messagedriven.publisher.BuilderChecks.require;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.Acknowledgements;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.webhook.internal.Envelope;
import io.messagedriven.publisher.webhook.internal.Signature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Publishes each event as an HTTP {@code POST} of a JSON envelope to one URL, signed as <a
 * href="https://www.standardwebhooks.com">Standard Webhooks</a> sign. Needs nothing but the JDK.
 *
 * <p>The body is {@code {"id", "tenantId", "aggregateType", "aggregateId", "name", "occurredAt",
 * "headers": {...}, "payload": {...}}}; the request carries {@code Content-Type:
 * application/json}, the {@link MessageHeaders} as HTTP headers (values outside printable ASCII
 * {@linkplain MessageHeaders#encodeValue encoded}), optionally the {@link CloudEvents}
 * attributes as {@code ce-} headers, and the Standard Webhooks headers: {@value #ID_HEADER} (the
 * event id), {@value #TIMESTAMP_HEADER} (when this attempt was sent, in Unix seconds) and
 * {@value #SIGNATURE_HEADER}{@code : v1,<base64>}, the HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>} with the secret. A receiver verifies it with any
 * Standard Webhooks library, rejects stale timestamps (replays), and deduplicates on the id:
 * delivery is at least once.
 *
 * <p>A 2xx answer publishes the event. 502, 503, 504 and 429 (while retryable), connection
 * errors and timeouts are an outage of the webhook ({@link WebhookUnavailableException}): the
 * event keeps its attempts and the publisher probes the webhook until it answers again. Other
 * 5xx and the {@linkplain Builder#retryableStatuses retryable 4xx} (408 and 425 by default; {@link
 * WebhookRetryLaterException}) are retried with backoff, spending attempts; any other status
 * ({@link WebhookRejectedException}) fails the event at once. A batch is sent concurrently, up to {@link Builder#maxConcurrentRequests}
 * requests at a time, then every answer is awaited.
 *
 * <pre>{@code
 * WebhookHandler webhook = WebhookHandler.builder()
 *     .url("https://hooks.example.com/events")
 *     .secret(System.getenv("WEBHOOK_SECRET"))     // whsec_<base64>, or any text
 *     .build();
 * }</pre>
 */
public final class WebhookHandler implements BatchEventHandler {
  /** The Standard Webhooks header holding the message id: the event id. */
  public static final String ID_HEADER = "webhook-id";
  /** The Standard Webhooks header holding when the attempt was sent, in Unix seconds. */
  public static final String TIMESTAMP_HEADER = "webhook-timestamp";
  /** The Standard Webhooks header holding {@code v1,} and the base64 HMAC-SHA256 signature. */
  public static final String SIGNATURE_HEADER = "webhook-signature";

  /** Headers a request always carries, which {@link Builder#header} may not add again. */
  private static final Set<String> OWN_HEADERS = Set.of(MessageHeaders.CONTENT_TYPE, MessageHeaders.EVENT_ID,
      MessageHeaders.TENANT_ID, MessageHeaders.AGGREGATE_TYPE, MessageHeaders.AGGREGATE_ID, MessageHeaders.EVENT_NAME,
      MessageHeaders.OCCURRED_AT, MessageHeaders.SEQUENCE);

  private final URI url;
  private final Signature signature;
  private final Clock clock;
  private final Set<Integer> retryableStatuses;
  private final CloudEvents cloudEvents;
  private final Duration requestTimeout;
  private final Duration answerTimeout;
  private final Map<String, String> extraHeaders;
  private final Semaphore concurrency;
  private final HttpClient client;

  private WebhookHandler(Builder builder, URI url, Signature signature) {
    this.url = url;
    this.signature = signature;
    this.clock = builder.clock;
    this.retryableStatuses = Set.copyOf(builder.retryableStatuses);
    this.cloudEvents = builder.cloudEvents;
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
      if (acks.leaseEnded(event)) {   // checked once a request may go: waiting for one can take long
        concurrency.release();
        continue;
      }
      CompletableFuture<Void> answer;
      try {
        answer = client.sendAsync(request(event), HttpResponse.BodyHandlers.discarding())
            .thenAccept(response -> check(event, response.statusCode()));
      } catch (RuntimeException e) { // a header the event cannot carry, a client shut down
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
    String id = event.id().toString();
    long timestamp = clock.instant().getEpochSecond();
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    MessageHeaders.of(event, MessageHeaders.Transport.HTTP, cloudEvents).forEach(request::header);
    request.header(ID_HEADER, id)
        .header(TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(SIGNATURE_HEADER, signature.sign(id, timestamp, body));
    extraHeaders.forEach(request::header);
    return request.build();
  }

  private void check(Event event, int status) {
    if (status >= 200 && status < 300) {
      return;
    }
    String message = "webhook " + url + " answered " + status + " for event " + event.name() + " (id " + event.id() + ")";
    if (status == 502 || status == 503 || status == 504 || status == 429 && retryableStatuses.contains(429)) {
      throw new WebhookUnavailableException(status, message); // an outage: no attempt spent
    }
    if (status >= 500 || retryableStatuses.contains(status)) {
      throw new WebhookRetryLaterException(status, message);
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
    private Set<Integer> retryableStatuses = Set.of(408, 425, 429);
    private CloudEvents cloudEvents = CloudEvents.off();
    private Clock clock = Clock.systemUTC();
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** The {@code http} or {@code https} URL to post to. Required. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * The shared secret requests are signed with. As Standard Webhooks writes one, {@code whsec_}
     * and the base64 of the key; any other text is itself the key, as its UTF-8 bytes (a
     * receiver's Standard Webhooks library then needs {@code whsec_} and the base64 of those
     * bytes, or the bytes themselves). Required; use at least 24 random bytes.
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

    /**
     * The 4xx answers that mean "not now" rather than "never", so the event is retried; a 5xx is
     * always retried, and any other status (3xx, the other 4xx) fails the event at once. Default:
     * 408 (Request Timeout), 425 (Too Early) and 429 (Too Many Requests).
     */
    public Builder retryableStatuses(Set<Integer> retryableStatuses) {
      this.retryableStatuses = retryableStatuses;
      return this;
    }

    /**
     * Whether requests also carry the {@link CloudEvents} attributes as {@code ce-} headers (HTTP
     * binding, binary mode). Default: {@link CloudEvents#off()}.
     */
    public Builder cloudEvents(CloudEvents cloudEvents) {
      this.cloudEvents = cloudEvents;
      return this;
    }

    /** The clock of {@value #TIMESTAMP_HEADER}. Default: {@link Clock#systemUTC()}. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * One more header on every request, such as {@code Authorization}, with a value of printable
     * ASCII. Not one the handler sets itself ({@code Content-Type}, the {@link MessageHeaders},
     * {@code webhook-*}, {@code ce-*}) nor one the JDK's client does. Default: none.
     */
    public Builder header(String name, String value) {
      if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")
          || MessageHeaders.Transport.HTTP.reserves(name, CloudEvents.binaryMode())
          || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header name must be an HTTP token the handler does not set itself, was " + name);
      }
      if (value == null || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        throw new IllegalArgumentException("header " + name + " needs a value of printable ASCII on one line, was " + value);
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
      Signature signature = Signature.of(secret);
      require(positive(connectTimeout), "connectTimeout must be positive, was " + connectTimeout);
      require(positive(requestTimeout), "requestTimeout must be positive, was " + requestTimeout);
      require(maxConcurrentRequests >= 1 && maxConcurrentRequests <= 1_000,
          "maxConcurrentRequests must be 1 to 1000, was " + maxConcurrentRequests);
      require(retryableStatuses != null && retryableStatuses.stream().allMatch(status -> status != null && status >= 400 && status <= 499),
          "retryableStatuses must be 4xx statuses, was " + retryableStatuses);
      require(cloudEvents != null, "cloudEvents is required (CloudEvents.off() for none), was null");
      require(clock != null, "clock is required, was null");
      return new WebhookHandler(this, uri, signature);
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
