package io.messagedriven.opentelemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** An OpenTelemetry SDK exporting to memory, for reading back the spans a test made. */
final class Traces implements AutoCloseable {
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
      .build();

  OpenTelemetrySdk openTelemetry() {
    return sdk;
  }

  /** Runs {@code work} in a new span named {@code name}, as a request handler would. */
  <T> T inSpan(String name, Supplier<T> work) {
    Span span = sdk.getTracer("test").spanBuilder(name).startSpan();
    try (Scope current = span.makeCurrent()) {
      return work.get();
    } finally {
      span.end();
    }
  }

  /** The finished span named {@code name}; fails unless there is exactly one. */
  SpanData span(String name) {
    List<SpanData> named = spans(name);
    if (named.size() != 1) {
      throw new AssertionError("expected one span named " + name + ", found " + named);
    }
    return named.get(0);
  }

  /** The finished spans named {@code name}, in the order they ended. */
  List<SpanData> spans(String name) {
    return exporter.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name)).toList();
  }

  /** Waits until {@code count} spans named {@code name} have ended. */
  List<SpanData> awaitSpans(String name, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (spans(name).size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(spans(name).size() + " of " + count + " spans named " + name + " within " + timeout);
      }
      Thread.sleep(20);
    }
    return spans(name);
  }

  /** The context of the finished span named {@code name}. */
  SpanContext context(String name) {
    return span(name).getSpanContext();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
