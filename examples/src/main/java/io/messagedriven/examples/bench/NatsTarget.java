package io.messagedriven.examples.bench;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.nats.NatsHandler;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** NATS JetStream: a fresh file-backed stream over a subject prefix of its own. */
final class NatsTarget extends BenchTarget {
  private final String token = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
  private final String stream = "MD_BENCH_" + token;
  private final String prefix = "mdbench" + token + ".";
  private final Connection connection;
  private final JetStream jetStream;
  private final NatsHandler handler;

  NatsTarget(String url) throws Exception {
    connection = Nats.connect(url);
    connection.jetStreamManagement().addStream(StreamConfiguration.builder()
        .name(stream).subjects(prefix + ">").storageType(StorageType.File).build());
    jetStream = connection.jetStream();
    handler = NatsHandler.builder().url(url).subjectPrefix(prefix).stream(stream).build();
  }

  @Override
  String name() {
    return "nats";
  }

  @Override
  EventHandler handler() {
    return handler;
  }

  @Override
  void sendWindow(int from, int size) throws Exception {
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(size);
    for (int i = from; i < from + size; i++) {
      String id = id();
      Headers headers = new Headers();
      headers(i, id).forEach(headers::add);
      acks.add(jetStream.publishAsync(prefix + "User.created", headers, body(i),
          PublishOptions.builder().messageId(id).expectedStream(stream).build()));
    }
    for (CompletableFuture<PublishAck> ack : acks) {
      ack.get(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws Exception {
    handler.close();
    connection.jetStreamManagement().deleteStream(stream);
    connection.close();
  }
}
