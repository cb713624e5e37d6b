package io.messagedriven.examples.bench;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.kafka.KafkaHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka: a fresh topic of 3 partitions; the direct producer is idempotent with acks=all too. */
final class KafkaTarget extends BenchTarget {
  private final String topic = "md-bench-" + UUID.randomUUID();
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaHandler handler;

  KafkaTarget(String bootstrap) throws Exception {
    admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    Properties config = new Properties();
    config.put("bootstrap.servers", bootstrap);
    config.put("acks", "all");
    config.put("enable.idempotence", true);
    producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    handler = KafkaHandler.builder().bootstrapServers(bootstrap).topic(topic).build();
  }

  @Override
  String name() {
    return "kafka";
  }

  @Override
  EventHandler handler() {
    return handler;
  }

  @Override
  void sendWindow(int from, int size) throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(size);
    for (int i = from; i < from + size; i++) {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, ("direct-" + i).getBytes(StandardCharsets.UTF_8), body(i));
      headers(i, id()).forEach((name, value) -> record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
      acks.add(producer.send(record));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    handler.close();
    producer.close();
    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    admin.close();
  }
}
