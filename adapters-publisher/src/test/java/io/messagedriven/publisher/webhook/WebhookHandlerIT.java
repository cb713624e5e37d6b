package io.messagedriven.publisher.webhook;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookHandlerIT {
  private static final String SECRET = "a-shared-secret-of-some-length-1234";

  private WebhookReceiver receiver;
  private OutboxFixture outbox;

  @BeforeEach
  void start() throws Exception {
    receiver = new WebhookReceiver();
    outbox = OutboxFixture.create();
  }

  @AfterEach
  void stop() {
    outbox.close();
    receiver.close();
  }

  private WebhookHandler webhook(String url) {
    return WebhookHandler.builder().url(url).secret(SECRET)
        .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2)).build();
  }

  @Test
  void postsEverySignedEventWithItsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    List<Event> events = outbox.append(6, 4);
    outbox.publish(webhook(receiver.url()));
    outbox.awaitPublished(events, Duration.ofSeconds(20));

    Map<String, Event> sent = OutboxFixture.byId(events);
    List<WebhookReceiver.Request> requests = receiver.accepted();
    for (WebhookReceiver.Request request : requests) {
      Event event = sent.get(request.headers().get("event-id"));
      assertThat(request.headers()).containsEntry("x-method", "POST").containsEntry("content-type", "application/json");
      assertThat(request.headers().get("message-driven-signature")).isEqualTo("sha256=" + hmac(request.body()));
      String body = request.text();
      assertThat(body)
          .startsWith("{\"id\":\"" + event.id() + "\",\"tenantId\":\"" + event.tenantId() + "\"")
          .contains("\"aggregateType\":\"User\",\"aggregateId\":\"" + event.aggregateId() + "\"")
          .contains("\"name\":\"" + event.name() + "\",\"occurredAt\":\"" + event.occurredAt() + "\"")
          .contains("\"correlation-id\":\"" + event.headers().get(Event.CORRELATION_ID) + "\"")
          .endsWith("\"payload\":" + event.payload() + "}");
      assertCarries(event, request.headers(), event.payload());
    }
    assertAllInOrderPerAggregate(events, requests.stream().map(request -> request.headers().get("event-id")).toList());
  }

  @Test
  void unavailableWebhookKeepsEventsPendingAndRetriedUntilItAnswersAgain() throws Exception {
    receiver.answer(503);
    List<Event> events = outbox.append(3, 3);
    outbox.publish(webhook(receiver.url()));

    outbox.awaitRetries(3, Duration.ofSeconds(15));
    assertThat(outbox.countPublished(events)).isZero();
    assertThat(outbox.retries()).allSatisfy(failure ->
        assertThat(failure.errorClass()).isEqualTo(WebhookUnavailableException.class.getName()));

    receiver.answer(200);
    outbox.awaitPublished(events, Duration.ofSeconds(20));
    assertAllInOrderPerAggregate(events, receiver.accepted().stream().map(r -> r.headers().get("event-id")).toList());
    assertThat(outbox.failures()).isEmpty();
  }

  @Test
  void refusedConnectionsKeepEventsPendingUntilTheWebhookIsBack() throws Exception {
    try (TcpForwarder door = TcpForwarder.start(receiver.port())) {
      door.stop();
      List<Event> events = outbox.append(2, 3);
      outbox.publish(webhook("http://127.0.0.1:" + door.port() + "/hook"));

      outbox.awaitRetries(2, Duration.ofSeconds(15));
      assertThat(outbox.countPublished(events)).isZero();
      assertThat(receiver.requests()).isEmpty();

      door.resume();
      outbox.awaitPublished(events, Duration.ofSeconds(20));
      assertAllInOrderPerAggregate(events, receiver.accepted().stream().map(r -> r.headers().get("event-id")).toList());
    }
  }

  @Test
  void statusDecidesWhetherAnEventIsRetried() throws Exception {
    Event event = outbox.append(1, 1).get(0);
    WebhookHandler webhook = webhook(receiver.url());

    receiver.answer(204);
    assertThat(webhook.handleAll(List.of(event))).isEmpty();
    receiver.answer(429);
    assertThat(failureOf(webhook, event)).isInstanceOf(WebhookUnavailableException.class).hasMessageContaining("429");
    receiver.answer(500);
    assertThat(failureOf(webhook, event)).isInstanceOf(WebhookUnavailableException.class);
    receiver.answer(404);
    assertThat(failureOf(webhook, event)).isInstanceOf(WebhookRejectedException.class)
        .hasMessageContaining("404").hasMessageContaining(event.id().toString());
    receiver.answer(301);
    assertThat(failureOf(webhook, event)).isInstanceOf(WebhookRejectedException.class);
  }

  @Test
  void slowAnswerTimesOutAndIsRetryable() throws Exception {
    Event event = outbox.append(1, 1).get(0);
    receiver.delay(3_000);
    WebhookHandler webhook = WebhookHandler.builder().url(receiver.url()).secret(SECRET)
        .requestTimeout(Duration.ofMillis(300)).build();

    assertThat(failureOf(webhook, event)).isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void clientErrorFailsTheEventAtOnceWithoutRetry() throws Exception {
    receiver.answer(422);
    List<Event> events = outbox.append(1, 1);
    outbox.publish(webhook(receiver.url()));

    outbox.awaitFailures(1, Duration.ofSeconds(10));
    assertThat(outbox.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.errorClass()).isEqualTo(WebhookRejectedException.class.getName());
      assertThat(failure.message()).contains("422");
    });
    assertThat(outbox.retries()).isEmpty();
    assertThat(outbox.countPublished(events)).isZero();
  }

  private static Exception failureOf(WebhookHandler webhook, Event event) throws Exception {
    Map<EventId, Exception> failures = webhook.handleAll(List.of(event));
    assertThat(failures).containsOnlyKeys(event.id());
    return failures.get(event.id());
  }

  private static String hmac(byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
