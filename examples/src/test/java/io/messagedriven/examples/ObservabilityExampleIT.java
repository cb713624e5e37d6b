package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ObservabilityExampleIT {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final PostgresStore store = TestDatabase.freshStore();
  private final List<Event> sent = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    store.close();
  }

  private static void await(String what, BooleanSupplier done) {
    await(() -> what, done);
  }

  private static void await(Supplier<String> what, BooleanSupplier done) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what.get() + " within " + PATIENCE);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  private static String get(String url) {
    try {
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError("GET " + url, e);
    }
  }

  @Test
  void prometheusScrapesTheCountsTimersAndGaugesOfThePublisher() throws Exception {
    for (int i = 0; i < 3; i++) {
      Event event = Event.raise("Order", "o-" + i, "Order.placed", "{}", Clock.systemUTC().instant());
      store.transactions().inTenant(TenantId.DEFAULT, tx -> {
        tx.outbox().append(event);
        return null;
      });
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/metrics";
    AtomicReference<String> scraped = new AtomicReference<>("");

    ObservabilityExample.metrics(store, sent::add, port, () -> await(() -> "a scrape with the gauges and 3 published, last:\n" + scraped, () -> {
      scraped.set(get(url));
      return scraped.get().contains("message_driven_published_total{event=\"Order.placed\",target=\"rabbitmq\"} 3.0")
          && scraped.get().contains("message_driven_events{status=\"published\"} 3.0")
          && scraped.get().contains("message_driven_lag_seconds ");  // the gauges refresh one after the other
    }));

    assertThat(scraped.get())
        .contains("message_driven_handler_seconds_count{event=\"Order.placed\",outcome=\"success\",target=\"rabbitmq\"} 3")
        .contains("message_driven_latency_seconds_count{event=\"Order.placed\",target=\"rabbitmq\"} 3")
        .contains("message_driven_events{status=\"pending\"} 0.0")
        .contains("message_driven_events{status=\"failed\"} 0.0")
        .contains("message_driven_lag_seconds 0.0");
  }

  @Test
  void theMessageCarriesThePublishSpanLinkedToTheRequestThatAppendedTheEvent() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .build()) {

      Event placed = ObservabilityExample.tracing(store, sdk, sent::add, () -> await("the event sent", () -> !sent.isEmpty()));

      await("the publish span", () -> spans.getFinishedSpanItems().size() == 2);
      SpanData request = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals("POST /orders")).findFirst().orElseThrow();
      SpanData publish = spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals("publish rabbitmq")).findFirst().orElseThrow();
      assertThat(placed.headers().get("traceparent")).contains(request.getTraceId() + "-" + request.getSpanId());
      assertThat(publish.getLinks()).singleElement()
          .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(request.getSpanId()));
      assertThat(sent).singleElement().satisfies(event -> {
        assertThat(event.id()).isEqualTo(placed.id());
        assertThat(event.headers().get("traceparent")).contains(publish.getTraceId() + "-" + publish.getSpanId());
      });
      assertThat(UUID.fromString(placed.aggregateId())).isNotNull();
    }
  }
}
