package io.messagedriven.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.TargetedEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OutboxTracingTest {
  private final Traces traces = new Traces();
  private final List<Event> received = new CopyOnWriteArrayList<>();
  private final EventHandler recording = received::add;

  @AfterEach
  void close() {
    traces.close();
  }

  private static Event event(String aggregateId) {
    return Event.raise(TenantId.DEFAULT, "Order", aggregateId, "Order.placed", "{}", Instant.parse("2026-01-02T03:04:05Z"))
        .withHeader(Event.CORRELATION_ID, "corr-" + aggregateId);
  }

  private OutboxTracing tracing(boolean child) {
    return OutboxTracing.builder().openTelemetry(traces.openTelemetry()).childOfStoredContext(child).build();
  }

  private static String traceparentOf(SpanContext span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
  }

  @Test
  void stampKeepsTheCurrentSpansContextAsTraceparentBesideTheOtherHeaders() {
    Event event = event("o-1");
    Event stamped = traces.inSpan("request", () -> OutboxTracing.stamp(event));

    assertThat(stamped.headers()).containsEntry(OutboxTracing.TRACEPARENT, traceparentOf(traces.context("request")))
        .containsEntry(Event.CORRELATION_ID, "corr-o-1");
    assertThat(stamped).usingRecursiveComparison().ignoringFields("headers").isEqualTo(event);
    assertThat(Span.fromContext(OutboxTracing.storedContext(stamped)).getSpanContext().getSpanId())
        .isEqualTo(traces.context("request").getSpanId());
  }

  @Test
  void stampOutsideAnySpanLeavesTheEventAsItIs() {
    Event event = event("o-2");

    assertThat(OutboxTracing.stamp(event)).isSameAs(event);
    assertThat(Span.fromContext(OutboxTracing.storedContext(event)).getSpanContext().isValid()).isFalse();
  }

  @Test
  void stampReplacesAnEarlierContextAndItsTracestate() {
    Event old = event("o-3").withHeader(OutboxTracing.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .withHeader(OutboxTracing.TRACESTATE, "vendor=old");

    Event stamped = traces.inSpan("request", () -> OutboxTracing.stamp(old));

    assertThat(stamped.headers()).containsEntry(OutboxTracing.TRACEPARENT, traceparentOf(traces.context("request")))
        .doesNotContainKey(OutboxTracing.TRACESTATE);
  }

  @Test
  void stampLeavesAnEventWithNoRoomForTheHeadersAsItIs() {
    Event full = event("o-4");
    for (int i = full.headers().size(); i < Event.MAX_HEADERS; i++) {
      full = full.withHeader("h" + i, "v");
    }
    Event unchanged = full;

    assertThat(traces.inSpan("request", () -> OutboxTracing.stamp(unchanged))).isSameAs(unchanged);
  }

  @Test
  void stampOfSeveralEventsStampsEachInOrder() {
    List<Event> stamped = traces.inSpan("request", () -> OutboxTracing.stamp(List.of(event("o-5"), event("o-6"))));

    assertThat(stamped).extracting(Event::aggregateId).containsExactly("o-5", "o-6");
    assertThat(stamped).allSatisfy(event ->
        assertThat(event.headers()).containsEntry(OutboxTracing.TRACEPARENT, traceparentOf(traces.context("request"))));
  }

  @Test
  void aHandlingIsAProducerSpanLinkedToTheStoredContextAndTheTargetGetsTheSpansContext() throws Exception {
    Event stamped = traces.inSpan("request", () -> OutboxTracing.stamp(event("o-7")));

    tracing(false).traced("rabbitmq", recording).handle(stamped);

    SpanData publish = traces.span("publish rabbitmq");
    SpanContext request = traces.context("request");
    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(publish.getParentSpanContext().isValid()).isFalse();
    assertThat(publish.getTraceId()).isNotEqualTo(request.getTraceId());
    assertThat(publish.getLinks()).singleElement().satisfies(link -> {
      assertThat(link.getSpanContext().getTraceId()).isEqualTo(request.getTraceId());
      assertThat(link.getSpanContext().getSpanId()).isEqualTo(request.getSpanId());
    });
    assertThat(publish.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo(stamped.id().toString());
    assertThat(publish.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isEqualTo("rabbitmq");
    assertThat(publish.getAttributes().get(AttributeKey.stringKey("message_driven.event.name"))).isEqualTo("Order.placed");
    assertThat(received).singleElement().satisfies(sent -> {
      assertThat(sent.id()).isEqualTo(stamped.id());
      assertThat(sent.headers()).containsEntry(OutboxTracing.TRACEPARENT, traceparentOf(publish.getSpanContext()))
          .containsEntry(Event.CORRELATION_ID, "corr-o-7");
    });
  }

  @Test
  void asAChildOfTheStoredContextTheRequestThePublishAndTheConsumerShareOneTrace() throws Exception {
    Event stamped = traces.inSpan("request", () -> OutboxTracing.stamp(event("o-8")));

    tracing(true).traced("kafka", recording).handle(stamped);

    SpanData publish = traces.span("publish kafka");
    assertThat(publish.getTraceId()).isEqualTo(traces.context("request").getTraceId());
    assertThat(publish.getParentSpanId()).isEqualTo(traces.context("request").getSpanId());
    assertThat(publish.getLinks()).isEmpty();
  }

  @Test
  void anEventWithNoStoredContextGetsAPublishSpanOfItsOwnWithoutLinks() throws Exception {
    tracing(false).traced("webhook", recording).handle(event("o-9"));

    assertThat(traces.span("publish webhook").getLinks()).isEmpty();
    assertThat(received.get(0).headers()).containsKey(OutboxTracing.TRACEPARENT);
  }

  @Test
  void theHandlersSpanIsCurrentWhileItRuns() throws Exception {
    List<String> seen = new ArrayList<>();
    tracing(false).traced("webhook", event -> seen.add(Span.current().getSpanContext().getSpanId())).handle(event("o-10"));

    assertThat(seen).containsExactly(traces.span("publish webhook").getSpanId());
  }

  @Test
  void aHandlerThatThrowsEndsItsSpanAsAnErrorAndTheSameExceptionGoesOn() {
    IllegalStateException refused = new IllegalStateException("refused");
    EventHandler failing = tracing(false).traced("rabbitmq", event -> {
      throw refused;
    });

    assertThatThrownBy(() -> failing.handle(event("o-11"))).isSameAs(refused);
    SpanData publish = traces.span("publish rabbitmq");
    assertThat(publish.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(publish.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo(IllegalStateException.class.getName());
    assertThat(publish.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
  }

  @Test
  void aBatchHandlerStaysABatchHandlerWithOneSpanPerEventAndItsFailuresMarked() throws Exception {
    Event ok = event("o-12");
    Event refused = event("o-13");
    List<List<Event>> batches = new ArrayList<>();
    BatchEventHandler broker = events -> {
      batches.add(events);
      return Map.of(refused.id(), new IllegalStateException("nack"));
    };

    EventHandler traced = tracing(false).traced("rabbitmq", broker);
    assertThat(traced).isInstanceOf(BatchEventHandler.class);
    Map<EventId, Exception> failures = ((BatchEventHandler) traced).handleAll(List.of(ok, refused));

    assertThat(failures).containsOnlyKeys(refused.id());
    assertThat(batches).singleElement().satisfies(batch -> assertThat(batch).extracting(Event::id).containsExactly(ok.id(), refused.id()));
    List<SpanData> spans = traces.spans("publish rabbitmq");
    assertThat(spans).extracting(span -> span.getAttributes().get(AttributeKey.stringKey("messaging.message.id")))
        .containsExactlyInAnyOrder(ok.id().toString(), refused.id().toString());
    assertThat(spans).allSatisfy(span -> assertThat(span.getStatus().getStatusCode())
        .isEqualTo(span.getAttributes().get(AttributeKey.stringKey("messaging.message.id")).equals(ok.id().toString())
            ? StatusCode.UNSET : StatusCode.ERROR));
  }

  @Test
  void aTracedRouterStaysATargetedHandlerAndPassesOnTheTargetsEachEventReachedBefore() throws Exception {
    Event event = event("o-18");
    Map<EventId, Set<String>> delivered = Map.of(event.id(), Set.of("webhook"));
    List<Map<EventId, Set<String>>> passedOn = new ArrayList<>();
    TargetedEventHandler router = (events, reached) -> {
      passedOn.add(reached);
      received.addAll(events);
      return Map.of();
    };

    EventHandler traced = tracing(false).traced("router", router);
    assertThat(traced).isInstanceOf(TargetedEventHandler.class);
    ((TargetedEventHandler) traced).handleAll(List.of(event), delivered);

    assertThat(passedOn).containsExactly(delivered);
    assertThat(received).singleElement().satisfies(sent -> assertThat(sent.headers())
        .containsEntry(OutboxTracing.TRACEPARENT, traceparentOf(traces.span("publish router").getSpanContext())));
  }

  @Test
  void aBatchHandlerThatThrowsFailsEverySpanOfTheBatch() {
    BatchEventHandler broken = events -> {
      throw new IllegalStateException("connection closed");
    };
    BatchEventHandler traced = (BatchEventHandler) tracing(false).traced("rabbitmq", broken);

    assertThatThrownBy(() -> traced.handleAll(List.of(event("o-14"), event("o-15")))).hasMessage("connection closed");
    assertThat(traces.spans("publish rabbitmq")).hasSize(2)
        .allSatisfy(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR));
  }

  @ParameterizedTest
  @EnumSource(MessageHeaders.Transport.class)
  void everyTransportSendsTheTraceHeadersAsTheyAre(MessageHeaders.Transport transport) {
    Event stamped = event("o-16").withHeader(OutboxTracing.TRACEPARENT, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
        .withHeader(OutboxTracing.TRACESTATE, "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");

    for (CloudEvents cloudEvents : List.of(CloudEvents.off(), CloudEvents.binaryMode())) {
      assertThat(MessageHeaders.of(stamped, transport, cloudEvents))
          .containsEntry("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
          .containsEntry("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
    }
  }

  @Test
  void badSettingsAreRefusedNamingTheSetting() {
    OutboxTracing tracing = tracing(false);

    assertThatThrownBy(() -> OutboxTracing.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("openTelemetry is required, was null");
    assertThatThrownBy(() -> tracing.traced("rabbit mq", recording))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("target must be").hasMessageEndingWith("was rabbit mq");
    assertThatThrownBy(() -> tracing.traced(null, recording)).hasMessageEndingWith("was null");
    assertThatThrownBy(() -> tracing.traced("rabbitmq", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("handler is required, was null");
    assertThatThrownBy(() -> OutboxTracing.stamp((Event) null)).hasMessage("event is required, was null");
    assertThatThrownBy(() -> OutboxTracing.stamp(event("o-17"), null)).hasMessage("context is required, was null");
  }
}
