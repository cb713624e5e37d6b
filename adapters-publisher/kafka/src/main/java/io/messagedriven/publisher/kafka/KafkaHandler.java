package io.messagedriven.publisher.kafka;

import static io.messagedriven.publisher.BuilderChecks.require;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.application.port.TargetUnavailableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.Acknowledgements;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes each event as one Kafka record with an idempotent producer ({@code acks=all}), and
 * counts it published once the broker acknowledges it.
 *
 * <p>The record: topic from {@link Builder#topic(Function)} (the event's aggregate type by
 * default, so {@code User.created} and {@code User.renamed} share the topic {@code User}); key
 * from {@link Builder#recordKey} ({@code <tenant id>/<aggregate type>/<aggregate id>} by default),
 * so each aggregate's events land in one partition in write order; timestamp when the event
 * occurred (to the millisecond); value the event's JSON payload; headers the {@link
 * MessageHeaders} and {@code content-type: application/json} (UTF-8), and optionally the {@link
 * CloudEvents} attributes as {@code ce_} headers.
 *
 * <p>A batch is sent at once, then every acknowledgement is awaited. A broker that is down
 * leaves the records unacknowledged until {@link Builder#deliveryTimeout}; they fail with a
 * retryable exception and the publisher retries them with backoff. A record too large for the
 * producer's {@code max.request.size} (2 MiB by default here) or the topic's {@code
 * max.message.bytes} fails its event for good, naming both.
 *
 * <pre>{@code
 * try (KafkaHandler kafka = KafkaHandler.builder()
 *     .bootstrapServers("kafka-1:9092,kafka-2:9092")
 *     .topic("user-events")
 *     .build()) {
 *   ... Publisher.builder().handler(kafka) ...
 * }
 * }</pre>
 */
public final class KafkaHandler implements BatchEventHandler, AutoCloseable {
  /**
   * The producer's {@code max.request.size} unless set otherwise: room for a payload of {@link
   * Event#MAX_PAYLOAD_LENGTH} with its key and headers (Kafka's own default is 1 MiB).
   */
  public static final int MAX_REQUEST_SIZE = 2 * 1024 * 1024;

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

  private final KafkaProducer<byte[], byte[]> producer;
  private final Function<Event, String> topic;
  private final Function<Event, String> recordKey;
  private final CloudEvents cloudEvents;
  private final Object maxRequestSize;
  private final Duration ackTimeout;
  private final String description;

  private KafkaHandler(KafkaProducer<byte[], byte[]> producer, Builder builder, Object maxRequestSize, String description) {
    this.producer = producer;
    this.topic = builder.topic;
    this.recordKey = builder.recordKey;
    this.cloudEvents = builder.cloudEvents;
    this.maxRequestSize = maxRequestSize;
    this.ackTimeout = builder.deliveryTimeout.plusSeconds(5);
    this.description = description;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends every event, then awaits every acknowledgement. Once a send times out waiting for the
   * cluster's metadata (the broker is unreachable), the rest of the batch fails with the same
   * error instead of waiting again for each.
   */
  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws InterruptedException {
    Acknowledgements acks = new Acknowledgements();
    Exception unreachable = null;
    for (Event event : events) {
      if (unreachable != null) {
        acks.fail(event.id(), unreachable);
        continue;
      }
      if (acks.leaseEnded(event)) {
        continue;
      }
      try {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        producer.send(record(event), (metadata, error) -> {
          if (error == null) {
            ack.complete(metadata);
          } else if (error instanceof RecordTooLargeException) {
            ack.completeExceptionally(tooLarge(event, error));
          } else if (error instanceof TimeoutException || error instanceof NetworkException) {
            ack.completeExceptionally(new TargetUnavailableException(   // an outage: no attempt spent
                "Kafka did not acknowledge event " + event.id() + ": " + error.getMessage(), error));
          } else {
            ack.completeExceptionally(error);
          }
        });
        if (ack.isCompletedExceptionally() && ack.handle((ok, error) -> error instanceof TargetUnavailableException).join()) {
          unreachable = ack.handle((ok, error) -> (Exception) error).join();
        }
        acks.expect(event.id(), ack);
      } catch (KafkaException | IllegalStateException | NonRetryableException e) {
        acks.fail(event.id(), e);
      }
    }
    return acks.await(ackTimeout);
  }

  private ProducerRecord<byte[], byte[]> record(Event event) {
    String name = topic.apply(event);
    if (name == null || !TOPIC.matcher(name).matches() || name.equals(".") || name.equals("..")) {
      throw new NonRetryableException("topic of event " + event.id()
          + " must be 1 to 249 letters, digits, '.', '_' or '-', was " + name);
    }
    String key = recordKey.apply(event);
    if (key == null) {
      throw new NonRetryableException("record key of event " + event.id() + " must not be null: records without a key"
          + " lose their aggregate's order");
    }
    List<Header> headers = new ArrayList<>();
    MessageHeaders.of(event, MessageHeaders.Transport.KAFKA, cloudEvents).forEach((header, value) ->
        headers.add(new RecordHeader(header, value.getBytes(StandardCharsets.UTF_8))));
    return new ProducerRecord<>(name, null, event.occurredAt().toEpochMilli(), key.getBytes(StandardCharsets.UTF_8),
        event.payload().getBytes(StandardCharsets.UTF_8), headers);
  }

  private NonRetryableException tooLarge(Event event, Exception error) {
    return new NonRetryableException("event " + event.id() + " is too large for Kafka: a record may be at most the"
        + " producer's max.request.size (" + maxRequestSize + " bytes) and the topic's max.message.bytes (by default the"
        + " broker's message.max.bytes, 1048588 bytes); raise max.message.bytes to " + MAX_REQUEST_SIZE
        + " for payloads up to 1 MiB (" + error.getMessage() + ")", error);
  }

  /** {@code <tenant id>/<aggregate type>/<aggregate id>}: the default record key, one per aggregate. */
  public static String aggregateKey(Event event) {
    return event.tenantId() + "/" + event.aggregateType() + "/" + event.aggregateId();
  }

  /** Flushes and closes the producer, waiting up to 10 s for records in flight. */
  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }

  @Override
  public String toString() {
    return description;
  }

  /** Settings of a {@link KafkaHandler}; {@link #build()} checks them. */
  public static final class Builder {
    private String bootstrapServers = "localhost:9092";
    private Function<Event, String> topic = Event::aggregateType;
    private String topicName;
    private Function<Event, String> recordKey = KafkaHandler::aggregateKey;
    private CloudEvents cloudEvents = CloudEvents.off();
    private Duration deliveryTimeout = Duration.ofSeconds(30);
    private String clientId = "message-driven-publisher";
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The brokers to bootstrap from, {@code host:port,...}; at least one name must resolve when
     * the handler is built. Default: {@code localhost:9092}.
     */
    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    /** Every event to one topic. Default: a topic per aggregate type, see {@link #topic(Function)}. */
    public Builder topic(String topic) {
      this.topicName = topic;
      this.topic = event -> topic;
      return this;
    }

    /**
     * The topic of an event's record; a name that is not a valid topic fails the event for good.
     * Keep all events of an aggregate in one topic, or their order across topics is lost.
     * Default: the aggregate type ({@code User}).
     */
    public Builder topic(Function<Event, String> topic) {
      this.topicName = null;
      this.topic = topic;
      return this;
    }

    /**
     * The key of an event's record, which decides its partition: events of one aggregate need
     * one key to keep their order. A null key fails the event for good. Default: {@link
     * KafkaHandler#aggregateKey} ({@code <tenant id>/<aggregate type>/<aggregate id>}), so
     * aggregates of two tenants or types that share an id never share a key; {@code
     * Event::aggregateId} keys by the id alone.
     */
    public Builder recordKey(Function<Event, String> recordKey) {
      this.recordKey = recordKey;
      return this;
    }

    /**
     * Whether records also carry the {@link CloudEvents} attributes as {@code ce_} headers (Kafka
     * binding, binary mode; the content type is the {@code content-type} header). Default: {@link
     * CloudEvents#off()}.
     */
    public Builder cloudEvents(CloudEvents cloudEvents) {
      this.cloudEvents = cloudEvents;
      return this;
    }

    /**
     * How long a record may take to be acknowledged, retries included; after it the event fails
     * and the publisher retries it. Also bounds how long a send waits for metadata. At least
     * 1 s. Default: 30 s.
     */
    public Builder deliveryTimeout(Duration deliveryTimeout) {
      this.deliveryTimeout = deliveryTimeout;
      return this;
    }

    /** The producer's client id. Default: {@code message-driven-publisher}. */
    public Builder clientId(String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * Any other producer setting, such as {@code security.protocol} or {@code compression.type}.
     * Cannot weaken delivery: {@code acks} and {@code enable.idempotence} are refused. Default:
     * none, besides {@code max.request.size} of {@link KafkaHandler#MAX_REQUEST_SIZE} (2 MiB).
     */
    public Builder producerProperty(String name, Object value) {
      if (name == null || value == null) {
        throw new IllegalArgumentException("producerProperty needs a name and a value, was " + name + "=" + value);
      }
      if (name.equals(ProducerConfig.ACKS_CONFIG) || name.equals(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)) {
        throw new IllegalArgumentException("producerProperty " + name + " is fixed (acks=all, idempotent), was " + value);
      }
      properties.put(name, value);
      return this;
    }

    /**
     * Checks the settings and creates the handler with its producer. The producer connects on
     * the first send, so a broker that is down at start only delays publishing.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     */
    public KafkaHandler build() {
      require(bootstrapServers != null && bootstrapServers.matches("[^\\s,]+:\\d+(,[^\\s,]+:\\d+)*"),
          "bootstrapServers must be host:port[,host:port...], was " + bootstrapServers);
      require(topic != null, "topic is required, was null");
      require(topicName == null || TOPIC.matcher(topicName).matches() && !topicName.matches("\\.{1,2}"),
          "topic must be 1 to 249 letters, digits, '.', '_' or '-', was " + topicName);
      require(deliveryTimeout != null && deliveryTimeout.compareTo(Duration.ofSeconds(1)) >= 0
          && deliveryTimeout.toMillis() <= Integer.MAX_VALUE, "deliveryTimeout must be at least 1s, was " + deliveryTimeout);
      require(recordKey != null, "recordKey is required, was null");
      require(cloudEvents != null, "cloudEvents is required (CloudEvents.off() for none), was null");
      require(clientId != null && !clientId.isBlank(), "clientId must not be blank, was " + clientId);
      Properties config = new Properties();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      int delivery = (int) deliveryTimeout.toMillis();
      config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
      config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery / 2));
      config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(10_000, delivery / 2));
      config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // a batch is sent whole, then awaited: lingering only adds latency
      config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
      config.putAll(properties);
      KafkaProducer<byte[], byte[]> producer;
      try {
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
      } catch (KafkaException e) {
        throw new IllegalArgumentException("producer settings are not valid: " + e.getMessage(), e);
      }
      String description = "KafkaHandler[" + bootstrapServers + (topicName == null ? "" : ", topic=" + topicName) + "]";
      return new KafkaHandler(producer, this, config.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), description);
    }
  }
}
