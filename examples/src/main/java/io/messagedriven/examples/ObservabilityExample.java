package io.messagedriven.examples;

import com.sun.net.httpserver.HttpServer;
import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.micrometer.OutboxMetrics;
import io.messagedriven.opentelemetry.OutboxTracing;
import io.messagedriven.publisher.Publisher;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

/**
 * The README's "Metrics" and "Tracing" samples, compiled and run by the build
 * (ObservabilityExampleIT): Prometheus scraping the outbox's meters, and a trace carried from the
 * request that appends an event to the message its publisher sends.
 */
public final class ObservabilityExample {
  private ObservabilityExample() {}

  /**
   * Publishes through {@code target} with metrics served for Prometheus on 127.0.0.1:{@code
   * port}, until {@code whileRunning} returns.
   */
  static void metrics(PostgresStore store, EventHandler target, int port, Runnable whileRunning) throws IOException {
    // tag::metrics[]
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext("/metrics", exchange -> {    // Prometheus scrapes http://127.0.0.1:port/metrics
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();

    try (OutboxMetrics metrics = OutboxMetrics.builder()
        .registry(registry)
        .operations(new Operations(store.operations()))  // gauges: events per status, lag
        .build();
        Publisher publisher = Publisher.builder()
            .outbox(store.outbox())
            .signals(store.signals())
            .handler(metrics.timed("rabbitmq", target))    // message_driven.handler
            .listener(metrics.listener("rabbitmq"))        // published, retried, failed, ...
            .build()) {
      publisher.start();
      whileRunning.run();                              // the application works; Prometheus scrapes
    }
    server.stop(0);
    // end::metrics[]
  }

  /**
   * Appends an event inside a request's span and publishes it through {@code target} in a
   * traced span; returns the event as appended, once {@code whileRunning} returns.
   */
  static Event tracing(PostgresStore store, OpenTelemetry openTelemetry, EventHandler target, Runnable whileRunning) {
    Clock clock = Clock.systemUTC();
    String orderId = UUID.randomUUID().toString();
    // tag::tracing[]
    Span request = openTelemetry.getTracer("orders").spanBuilder("POST /orders").startSpan();
    Event placed;
    try (Scope current = request.makeCurrent()) {    // the request's span, as your server starts it
      placed = store.transactions().inTenant(TenantId.DEFAULT, tx -> {
        Event event = OutboxTracing.stamp(Event.raise(    // keeps traceparent with the event
            "Order", orderId, "Order.placed", "{\"totalCents\":1250}", clock.instant()));
        tx.outbox().append(event);
        return event;
      });
    } finally {
      request.end();
    }

    OutboxTracing tracing = OutboxTracing.builder()
        .openTelemetry(openTelemetry)                  // your SDK, exporting to your collector
        .build();                                      // publish spans link to the request's
    try (Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(tracing.traced("rabbitmq", target))   // a span per handling; the message carries it
        .build()) {
      publisher.start();
      whileRunning.run();                              // the application works
    }
    // end::tracing[]
    return placed;
  }
}
