package io.messagedriven.publisher.kafka;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.kafka.testing.KafkaBroker;
import io.messagedriven.publisher.testing.OutboxFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(event.aggregateId());
      assertThat(partitionOf.computeIfAbsent(event.aggregateId(), id -> record.partition())).isEqualTo(record.partition());
      assertCarries(event, headers(record), new String(record.value(), StandardCharsets.UTF_8));
    }
    assertThat(Set.copyOf(partitionOf.values())).as("aggregates spread over partitions").hasSizeGreaterThan(1);
    assertAllInOrderPerAggregate(events, records.stream().map(record -> headers(record).get("event-id")).toList());
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
    Map<String, Object> config = Map.of("bootstrap.servers", broker.bootstrapServers(), "group.id", "md-test-" + UUID.randomUUID());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topicName).stream()
          .map(info -> new TopicPartition(topicName, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      records.sort(Comparator.<ConsumerRecord<byte[], byte[]>>comparingInt(ConsumerRecord::partition)
          .thenComparingLong(ConsumerRecord::offset));
      return records;
    }
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
