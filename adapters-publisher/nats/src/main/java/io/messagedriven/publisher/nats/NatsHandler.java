package io.messagedriven.publisher.nats;

import static io.messagedriven.publisher.BuilderChecks.positive;
import static io.messagedriven.publisher.BuilderChecks.require;
import static io.messagedriven.publisher.BuilderChecks.withoutPassword;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.application.port.TargetUnavailableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.Acknowledgements;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.nats.internal.NatsConnector;
import io.messagedriven.publisher.nats.internal.QuietErrors;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.support.NatsJetStreamConstants;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Publishes each event to NATS JetStream, and counts it published on the stream's PubAck.
 *
 * <p>The message: subject from {@link Builder#subject} ({@code events.} and the event name by
 * default, such as {@code events.User.created}), body the event's JSON payload, headers the
 * {@link MessageHeaders} (values outside printable ASCII {@linkplain MessageHeaders#encodeValue
 * encoded}: NATS headers carry nothing else), {@code content-type: application/json}, optionally
 * the {@link CloudEvents} attributes as {@code ce-} headers, and {@code Nats-Msg-Id} the event id,
 * so the stream drops a redelivery within its duplicate window (2 minutes by default). A stream
 * must capture the subjects: create it yourself, or name it with {@link Builder#stream} to have
 * it created.
 *
 * <p>A batch is published asynchronously, then every PubAck is awaited. A connection failure,
 * a missing stream (no responders) and a missing PubAck are ordinary exceptions, so the
 * publisher retries with backoff; the handler connects again on the next batch. A message whose
 * headers and body exceed the server's {@code max_payload} (1 MiB by default) is refused before
 * it is sent, and its event fails for good, naming the limit.
 *
 * <pre>{@code
 * try (NatsHandler nats = NatsHandler.builder()
 *     .url("nats://nats.internal:4222")
 *     .stream("EVENTS")                     // created over events.> if missing
 *     .build()) {
 *   ... Publisher.builder().handler(nats) ...
 * }
 * }</pre>
 */
public final class NatsHandler implements BatchEventHandler, AutoCloseable {
  private static final Pattern SUBJECT = Pattern.compile("[^.\\s*>]+(\\.[^.\\s*>]+)*");
  private static final Pattern STREAM_NAME = Pattern.compile("[^.\\s*>/\\\\]{1,255}");

  private final NatsConnector connector;
  private final Function<Event, String> subject;
  private final String stream;
  private final CloudEvents cloudEvents;
  private final Duration ackTimeout;

  private NatsHandler(NatsConnector connector, Function<Event, String> subject, Builder builder) {
    this.connector = connector;
    this.subject = subject;
    this.stream = builder.stream;
    this.cloudEvents = builder.cloudEvents;
    this.ackTimeout = builder.ackTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Publishes every event asynchronously, then awaits every PubAck. */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws InterruptedException {
    JetStream jetStream;
    try {
      jetStream = connector.jetStream();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      Exception outage = new TargetUnavailableException("NATS is not reachable: " + e.getMessage(), e);
      Map<EventId, Exception> failures = new LinkedHashMap<>();
      events.forEach(event -> failures.put(event.id(), outage));
      return failures;
    }
    long maxPayload = connector.maxPayload();
    Acknowledgements acks = new Acknowledgements();
    for (Event event : events) {
      if (acks.leaseEnded(event)) {
        continue;
      }
      try {
        Headers headers = headers(event);
        byte[] body = event.payload().getBytes(StandardCharsets.UTF_8);
        checkSize(event, headers, body, maxPayload);
        acks.expect(event.id(), jetStream.publishAsync(subjectOf(event), headers, body));
      } catch (RuntimeException e) {
        acks.fail(event.id(), e);
      }
    }
    return acks.await(ackTimeout);
  }

  /** The server counts headers and body against its max_payload; the client would refuse it anyway, retryably. */
  private static void checkSize(Event event, Headers headers, byte[] body, long maxPayload) {
    long size = (long) headers.serializedLength() + body.length;
    if (maxPayload > 0 && size > maxPayload) {
      throw new NonRetryableException("event " + event.id() + " is " + size + " bytes with its headers, more than the"
          + " NATS server's max_payload of " + maxPayload + " bytes; raise max_payload in the server's configuration"
          + " (1 MiB by default) for payloads up to 1 MiB");
    }
  }

  private String subjectOf(Event event) {
    String name = subject.apply(event);
    if (name == null || !SUBJECT.matcher(name).matches()) {
      throw new NonRetryableException("subject of event " + event.id()
          + " must be dot-separated tokens without spaces, '*' or '>', was " + name);
    }
    return name;
  }

  /** Also the headers publish options would add, so the size check sees what is sent. */
  private Headers headers(Event event) {
    Headers headers = new Headers();
    MessageHeaders.of(event, MessageHeaders.Transport.NATS, cloudEvents).forEach(headers::add);
    headers.put(NatsJetStreamConstants.MSG_ID_HDR, event.id().toString());
    if (stream != null) {
      headers.put(NatsJetStreamConstants.EXPECTED_STREAM_HDR, stream);
    }
    return headers;
  }

  /** Closes the connection; PubAcks still awaited fail. */
  @Override
  public void close() throws InterruptedException {
    connector.close();
  }

  @Override
  public String toString() {
    return "NatsHandler[stream=" + (stream == null ? "any" : stream) + "]";
  }

  /** Settings of a {@link NatsHandler}; {@link #build()} checks them. */
  public static final class Builder {
    private String url = "nats://localhost:4222";
    private String subjectPrefix = "events.";
    private Function<Event, String> subject;
    private String stream;
    private Duration ackTimeout = Duration.ofSeconds(30);
    private Duration connectionTimeout = Duration.ofSeconds(5);
    private String connectionName = "message-driven-publisher";
    private CloudEvents cloudEvents = CloudEvents.off();

    private Builder() {}

    /** The server, such as {@code nats://user:password@host:4222}. Default: {@code nats://localhost:4222}. */
    public Builder url(String url) {
      this.url = url;
      return this;
    }

    /**
     * What comes before the event name in the default subject; empty or ending with a dot.
     * Default: {@code events.}, so {@code User.created} goes to {@code events.User.created}.
     */
    public Builder subjectPrefix(String subjectPrefix) {
      this.subjectPrefix = subjectPrefix;
      return this;
    }

    /**
     * The subject of an event's message, replacing the prefix rule; a subject that is not
     * valid fails the event for good. Default: {@link #subjectPrefix} and the event name.
     */
    public Builder subject(Function<Event, String> subject) {
      this.subject = subject;
      return this;
    }

    /**
     * A stream to publish to: created on connect if missing, over the subjects {@link
     * #subjectPrefix}{@code >}, and expected on every PubAck. Default: none; a stream you
     * manage captures the subjects.
     */
    public Builder stream(String stream) {
      this.stream = stream;
      return this;
    }

    /** How long a batch waits for its PubAcks; an event not acknowledged by then is retried. Default: 30 s. */
    public Builder ackTimeout(Duration ackTimeout) {
      this.ackTimeout = ackTimeout;
      return this;
    }

    /** How long to wait for a connection. Default: 5 s. */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /** The name the connection shows in the server's monitoring. Default: {@code message-driven-publisher}. */
    public Builder connectionName(String connectionName) {
      this.connectionName = connectionName;
      return this;
    }

    /**
     * Whether messages also carry the {@link CloudEvents} attributes as {@code ce-} headers (NATS
     * binding, binary mode, with {@code ce-datacontenttype}). Default: {@link CloudEvents#off()}.
     */
    public Builder cloudEvents(CloudEvents cloudEvents) {
      this.cloudEvents = cloudEvents;
      return this;
    }

    /**
     * Checks the settings and creates the handler. It connects on its first batch, not here, so
     * a server that is down at start only delays publishing.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public NatsHandler build() {
      require(url != null && url.matches("(?i)(nats|tls)://\\S+"), "url must be a nats:// or tls:// URL, was " + withoutPassword(url));
      require(subjectPrefix != null && (subjectPrefix.isEmpty() || subjectPrefix.endsWith(".")
          && SUBJECT.matcher(subjectPrefix.substring(0, subjectPrefix.length() - 1)).matches()),
          "subjectPrefix must be empty or tokens ending with a dot, was " + subjectPrefix);
      require(stream == null || STREAM_NAME.matcher(stream).matches(),
          "stream must be 1 to 255 characters without spaces, '.', '*', '>', '/' or '\\', was " + stream);
      require(stream == null || !subjectPrefix.isEmpty(),
          "subjectPrefix must not be empty when a stream is to be created over it, was empty");
      require(positive(ackTimeout), "ackTimeout must be positive, was " + ackTimeout);
      require(positive(connectionTimeout), "connectionTimeout must be positive, was " + connectionTimeout);
      require(connectionName != null && !connectionName.isBlank(), "connectionName must not be blank, was " + connectionName);
      require(cloudEvents != null, "cloudEvents is required (CloudEvents.off() for none), was null");
      Options options;
      try {
        options = Options.builder()
            .server(url)
            .connectionName(connectionName)
            .connectionTimeout(connectionTimeout)
            .noReconnect()
            .errorListener(new QuietErrors())
            .build();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("url must be a nats:// or tls:// URL, was " + withoutPassword(url), e);
      }
      String prefix = subjectPrefix;
      Function<Event, String> subjectOf = subject != null ? subject : event -> prefix + event.name();
      return new NatsHandler(new NatsConnector(options, ackTimeout, stream, prefix + ">"), subjectOf, this);
    }
  }
}
