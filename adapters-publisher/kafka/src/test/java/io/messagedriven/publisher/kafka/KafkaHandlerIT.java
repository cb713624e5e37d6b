package io.messagedriven.publisher.kafka;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.kafka.testing.KafkaBroker;
import io.messagedriven.publisher.testing.OutboxFixture;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a real single-node KRaft broker started in this JVM; each test on a topic of its own. */
class KafkaHandlerIT {
  private static final Duration PATIENCE = Duration.ofSeconds(40);
  private static final int PARTITIONS = 3;

  private static KafkaBroker broker;
  private static Admin admin;
  private final String topic = "md-test-" + UUID.randomUUID();
  private OutboxFixture outbox;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start();
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    admin.close();
    broker.close();
  }

  @BeforeEach
  void start() throws Exception {
    admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
    outbox = OutboxFixture.create();
  }

  @AfterEach
  void stop() {
    outbox.close();
  }

  private KafkaHandler kafka(String bootstrap) {
    return KafkaHandler.builder().bootstrapServers(bootstrap).topic(topic).deliveryTimeout(Duration.ofSeconds(3)).build();
  }

  @Test
  void publishesEveryEventAcknowledgedKeyedByAggregateWithHeadersAndOrderPerAggregate() throws Exception {
    List<Event> events = outbox.append(12, 5);
    try (KafkaHandler kafka = kafka(broker.bootstrapServers())) {
      outbox.publish(kafka);
      outbox.awaitPublished(events, PATIENCE);
    }

    List<ConsumerRecord<byte[], byte[]>> records = consume(topic, events.size());
    Map<String, Event> sent = OutboxFixture.byId(events);
    Map<String, Integer> partitionOf = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Event event = sent.get(headers(record).get("event-id"));
      assertThat(new String(record.key(), StandardCharsets.UTF_8))
          .isEqualTo(event.tenantId() + "/User/" + event.aggregateId());
      assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
      assertThat(record.timestamp()).isEqualTo(event.occurredAt().toEpochMilli());
      assertThat(headers(record)).containsEntry("content-type", "application/json")
          .containsEntry("occurred-at", MessageHeaders.timestamp(event.occurredAt()))
          .doesNotContainKey("ce_id");
      assertThat(partitionOf.computeIfAbsent(event.aggregateId(), id -> record.partition())).isEqualTo(record.partition());
      assertCarries(event, headers(record), new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(Set.copyOf(partitionOf.values())).as("aggregates spread over partitions").hasSizeGreaterThan(1);
    assertAllInOrderPerAggregate(events, records.stream().map(record -> headers(record).get("event-id")).toList());
  }

  private static String sorted(String a, String b) {
    return a.compareTo(b) <= 0 ? a + " " + b : b + " " + a;
  }

  @Test
  void aggregatesOfTwoTenantsOrTypesThatShareAnIdGetKeysOfTheirOwn() throws Exception {
    TenantId other = new TenantId(UUID.randomUUID());
    Instant then = Instant.now().minus(3, ChronoUnit.DAYS);
    List<Event> events = List.of(
        Event.raise(outbox.tenant(), "User", "42", "User.created", "{\"n\":1}", then),
        Event.raise(other, "User", "42", "User.created", "{\"n\":2}", then.plusMillis(1)),
        Event.raise(outbox.tenant(), "Order", "42", "Order.placed", "{\"n\":3}", then.plusMillis(2)));
    try (KafkaHandler kafka = kafka(broker.bootstrapServers())) {
      assertThat(kafka.handleAll(events)).isEmpty();
    }
    try (KafkaHandler byIdAlone = KafkaHandler.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
        .recordKey(Event::aggregateId).build()) {
      assertThat(byIdAlone.handleAll(List.of(events.get(0)))).isEmpty();
    }

    Map<String, String> keyOf = new HashMap<>();
    Map<String, Long> timestampOf = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : consume(topic, 4)) {
      // partitions are consumed in no set order: join the keys of one event sorted
      keyOf.merge(headers(record).get("event-id"), new String(record.key(), StandardCharsets.UTF_8),
          (a, b) -> a.compareTo(b) <= 0 ? a + " " + b : b + " " + a);
      timestampOf.put(headers(record).get("event-id"), record.timestamp());
    }
    assertThat(keyOf).containsOnly(
        Map.entry(events.get(0).id().toString(), sorted(outbox.tenant() + "/User/42", "42")),
        Map.entry(events.get(1).id().toString(), other + "/User/42"),
        Map.entry(events.get(2).id().toString(), outbox.tenant() + "/Order/42"));
    assertThat(timestampOf).containsEntry(events.get(1).id().toString(), then.plusMillis(1).toEpochMilli());
  }

  @Test
  void headerValuesAndKeysBeyondAsciiArriveAsUtf8AsTheyAre() throws Exception {
    List<Event> events = outbox.appendUnicode();
    try (KafkaHandler kafka = kafka(broker.bootstrapServers())) {
      outbox.publish(kafka);
      outbox.awaitPublished(events, PATIENCE);
    }

    List<ConsumerRecord<byte[], byte[]>> records = consume(topic, events.size());
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Event event = sent.get(headers(record).get("event-id"));
      assertThat(record.key()).isEqualTo((event.tenantId() + "/User/" + event.aggregateId()).getBytes(StandardCharsets.UTF_8));
      assertThat(record.headers().lastHeader("aggregate-id").value()).isEqualTo(event.aggregateId().getBytes(StandardCharsets.UTF_8));
      assertThat(record.value()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
      assertCarries(event, headers(record), event.payload());
    }
    assertThat(records).anySatisfy(record -> assertThat(headers(record)).containsEntry("aggregate-id", "José"));
    assertAllInOrderPerAggregate(events, records.stream().map(record -> headers(record).get("event-id")).toList());
  }

  @Test
  void aPayloadAtTheDomainsMaximumIsDeliveredWhereTheTopicAllowsIt() throws Exception {
    String roomy = "md-test-roomy-" + UUID.randomUUID();
    admin.createTopics(List.of(new NewTopic(roomy, 1, (short) 1)
        .configs(Map.of("max.message.bytes", String.valueOf(KafkaHandler.MAX_REQUEST_SIZE))))).all().get();
    Event event = outbox.appendPayloadOf(Event.MAX_PAYLOAD_LENGTH);
    try (KafkaHandler kafka = KafkaHandler.builder().bootstrapServers(broker.bootstrapServers()).topic(roomy).build()) {
      outbox.publish(kafka);
      outbox.awaitPublished(List.of(event), PATIENCE);
    }
    assertThat(consume(roomy, 1)).singleElement().satisfies(record ->
        assertThat(record.value()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8)).hasSize(Event.MAX_PAYLOAD_LENGTH));
  }

  @Test
  void aRecordOverTheTopicsLimitFailsForGoodNamingTheLimits() throws Exception {
    Event event = outbox.appendPayloadOf(Event.MAX_PAYLOAD_LENGTH);   // with its headers, over the default 1048588 bytes
    try (KafkaHandler kafka = kafka(broker.bootstrapServers())) {
      Map<EventId, Exception> failures = kafka.handleAll(List.of(event));
      assertThat(failures.get(event.id())).isInstanceOf(NonRetryableException.class)
          .hasMessageContaining("max.message.bytes").hasMessageContaining("max.request.size (2097152 bytes)");
    }
  }

  @Test
  void cloudEventsBinaryModeIsReadByTheCloudEventsKafkaDeserializer() throws Exception {
    List<Event> events = outbox.appendUnicode();
    try (KafkaHandler kafka = KafkaHandler.builder().bootstrapServers(broker.bootstrapServers()).topic(topic)
        .cloudEvents(CloudEvents.binaryMode()).build()) {
      assertThat(kafka.handleAll(events)).isEmpty();
    }

    Map<String, Event> sent = OutboxFixture.byId(events);
    List<ConsumerRecord<byte[], CloudEvent>> records = consume(topic, events.size(), new CloudEventDeserializer());
    assertThat(records).hasSize(events.size());
    for (ConsumerRecord<byte[], CloudEvent> record : records) {
      CloudEvent cloudEvent = record.value();
      Event event = sent.get(cloudEvent.getId());
      assertThat(cloudEvent.getSpecVersion()).isEqualTo(SpecVersion.V1);
      assertThat(cloudEvent.getSource()).isEqualTo(URI.create("/tenants/" + event.tenantId() + "/User"));
      assertThat(cloudEvent.getType()).isEqualTo(event.name());
      assertThat(cloudEvent.getSubject()).isEqualTo(event.aggregateId());
      assertThat(cloudEvent.getTime()).isEqualTo(event.occurredAt().atOffset(ZoneOffset.UTC));
      assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
      assertThat(cloudEvent.getData().toBytes()).isEqualTo(event.payload().getBytes(StandardCharsets.UTF_8));
      assertThat(cloudEvent.getExtensionNames()).doesNotContain("datacontenttype");
    }
  }

  @Test
  void defaultTopicIsTheAggregateType() throws Exception {
    List<Event> events = outbox.append(2, 2);
    try (KafkaHandler kafka = KafkaHandler.builder().bootstrapServers(broker.bootstrapServers()).build()) {
      assertThat(kafka.handleAll(events)).isEmpty();
    }
    List<String> ids = consume("User", events.size()).stream().map(record -> headers(record).get("event-id")).toList();
    assertThat(ids).containsAll(events.stream().map(event -> event.id().toString()).toList());
  }

  @Test
  void anInvalidTopicFailsTheEventForGood() throws Exception {
    Event event = outbox.append(1, 1).get(0);
    try (KafkaHandler kafka = KafkaHandler.builder().bootstrapServers(broker.bootstrapServers())
        .topic(e -> "no spaces allowed").build()) {
      Map<EventId, Exception> failures = kafka.handleAll(List.of(event));
      assertThat(failures.get(event.id())).isInstanceOf(NonRetryableException.class).hasMessageContaining("no spaces allowed");
    }
  }

  @Test
  void brokerOutageLeavesEventsPendingAndRetriedThenDeliversEveryOne() throws Exception {
    try (KafkaHandler kafka = kafka(broker.proxiedBootstrapServers())) {
      List<Event> all = outbox.publishThroughOutage(kafka, broker.proxy()::stop, broker.proxy()::resume, PATIENCE);
      List<ConsumerRecord<byte[], byte[]>> records = consume(topic, all.size());
      assertAllInOrderPerAggregate(all, records.stream().map(record -> headers(record).get("event-id")).toList());
    } finally {
      broker.proxy().resume();
    }
    assertThat(outbox.failures()).isEmpty();
  }

  /** Every record of {@code topicName} from the start, partition by partition in offset order. */
  private static List<ConsumerRecord<byte[], byte[]>> consume(String topicName, int atLeast) {
    return consume(topicName, atLeast, new ByteArrayDeserializer());
  }

  private static <V> List<ConsumerRecord<byte[], V>> consume(String topicName, int atLeast, Deserializer<V> values) {
    Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "md-test-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], V> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), values)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topicName).stream()
          .map(info -> new TopicPartition(topicName, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], V>> records = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.sort(Comparator.<ConsumerRecord<byte[], V>>comparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], ?> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
