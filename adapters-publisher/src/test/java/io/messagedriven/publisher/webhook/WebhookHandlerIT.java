package io.messagedriven.publisher.webhook;

import static io.messagedriven.publisher.testing.OutboxFixture.assertAllInOrderPerAggregate;
import static io.messagedriven.publisher.testing.OutboxFixture.assertCarries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.http.HttpMessageFactory;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.publisher.CloudEvents;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  private WebhookHandler.Builder webhook(String url) {
    return WebhookHandler.builder().url(url).secret(SECRET)
        .connectTimeout(Duration.ofSeconds(1)).requestTimeout(Duration.ofSeconds(2));
  }

  @Test
  void postsEveryEventSignedAsStandardWebhooksWithItsHeadersAndPayloadInOrderPerAggregate() throws Exception {
    List<Event> events = outbox.append(6, 4);
    List<WebhookReceiver.Request> requests = publishAndReceive(events);
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (WebhookReceiver.Request request : requests) {
      Event event = sent.get(request.headers().get("event-id"));
      assertThat(request.headers()).containsEntry("x-method", "POST").containsEntry("content-type", "application/json")
          .containsEntry("occurred-at", MessageHeaders.timestamp(event.occurredAt()))
          .doesNotContainKeys("x-repeated", "message-driven-signature", "ce-id");
      assertSignedAsStandardWebhooks(request, SECRET.getBytes(StandardCharsets.UTF_8));
      String body = request.text();
      assertThat(body)
          .startsWith("{\"id\":\"" + event.id() + "\",\"tenantId\":\"" + event.tenantId() + "\"")
          .contains("\"aggregateType\":\"User\",\"aggregateId\":\"" + event.aggregateId() + "\"")
          .contains("\"name\":\"" + event.name() + "\",\"occurredAt\":\"" + MessageHeaders.timestamp(event.occurredAt()) + "\"")
          .contains("\"correlation-id\":\"" + event.headers().get(Event.CORRELATION_ID) + "\"")
          .endsWith("\"payload\":" + event.payload() + "}");
      assertThat(MessageHeaders.timestamp(event.occurredAt())).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
      assertCarries(event, request.headers(), event.payload());
    }
    assertAllInOrderPerAggregate(events, requests.stream().map(request -> request.headers().get("event-id")).toList());
  }

  @Test
  void aStandardWebhooksSecretIsTheKeyItsBase64Holds() throws Exception {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Event event = outbox.append(1, 1).get(0);
    WebhookHandler webhook = webhook(receiver.url()).secret("whsec_" + Base64.getEncoder().encodeToString(key)).build();

    assertThat(webhook.handleAll(List.of(event))).isEmpty();
    assertSignedAsStandardWebhooks(receiver.accepted().get(0), key);
  }

  @Test
  void headerValuesBeyondAsciiArriveEncodedAndDecodeToExactlyTheOriginal() throws Exception {
    List<Event> events = outbox.appendUnicode();
    List<WebhookReceiver.Request> requests = publishAndReceive(events);
    Map<String, Event> sent = OutboxFixture.byId(events);
    for (WebhookReceiver.Request request : requests) {
      Event event = sent.get(request.headers().get("event-id"));
      assertThat(request.headers().values()).allSatisfy(value -> assertThat(value).matches("[\\x20-\\x7e]*"));
      assertThat(request.headers()).containsEntry("plain", "100% plain ASCII")
          .containsEntry("aggregate-id", MessageHeaders.encodeValue(event.aggregateId()));
      assertCarries(event, OutboxFixture.decoded(request.headers()), event.payload());
      assertThat(request.text()).contains("\"aggregateId\":\"" + event.aggregateId() + "\"")
          .endsWith("\"payload\":" + event.payload() + "}");
      assertSignedAsStandardWebhooks(request, SECRET.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(requests).anySatisfy(request ->
        assertThat(request.headers()).containsEntry("aggregate-id", "UTF-8''Jos%C3%A9"));
    assertAllInOrderPerAggregate(events, requests.stream().map(request -> request.headers().get("event-id")).toList());
    assertThat(outbox.failures()).isEmpty();
  }

  @Test
  void aPayloadAtTheDomainsMaximumIsDelivered() throws Exception {
    Event event = outbox.appendPayloadOf(Event.MAX_PAYLOAD_LENGTH);
    WebhookReceiver.Request request = publishAndReceive(List.of(event)).get(0);
    assertThat(request.text()).endsWith("\"payload\":" + event.payload() + "}");
    assertThat(event.payload().getBytes(StandardCharsets.UTF_8)).hasSize(Event.MAX_PAYLOAD_LENGTH);
    assertSignedAsStandardWebhooks(request, SECRET.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void cloudEventsBinaryModeIsReadByTheCloudEventsSdk() throws Exception {
    List<Event> events = outbox.appendUnicode();
    WebhookHandler webhook = webhook(receiver.url()).cloudEvents(CloudEvents.binaryMode()).build();
    assertThat(webhook.handleAll(events)).isEmpty();

    Map<String, Event> sent = OutboxFixture.byId(events);
    for (WebhookReceiver.Request request : receiver.accepted()) {
      CloudEvent cloudEvent = HttpMessageFactory.createReader(request.headers(), request.body()).toEvent();
      Event event = sent.get(cloudEvent.getId());
      assertThat(cloudEvent.getSpecVersion()).isEqualTo(SpecVersion.V1);
      assertThat(cloudEvent.getSource()).isEqualTo(URI.create("/tenants/" + event.tenantId() + "/User"));
      assertThat(cloudEvent.getType()).isEqualTo(event.name());
      assertThat(OutboxFixture.cloudEventsDecoded(cloudEvent.getSubject())).isEqualTo(event.aggregateId());
      assertThat(cloudEvent.getTime()).isEqualTo(event.occurredAt().atOffset(ZoneOffset.UTC));
      assertThat(cloudEvent.getDataContentType()).isEqualTo("application/json");
      assertThat(cloudEvent.getData().toBytes()).isEqualTo(request.body());
      assertThat(request.headers()).doesNotContainKeys("ce-datacontenttype", "x-repeated");
    }
    assertThat(receiver.accepted()).hasSize(events.size());
  }

  @Test
  void unavailableWebhookKeepsEventsPendingAndRetriedUntilItAnswersAgain() throws Exception {
    receiver.answer(503);
    List<Event> events = outbox.append(3, 3);
    outbox.publish(webhook(receiver.url()).build());

    outbox.awaitRetries(3, Duration.ofSeconds(15));
    assertThat(outbox.countPublished(events)).isZero();
    assertThat(outbox.retries()).as("an outage spends no attempt").isEmpty();
    assertThat(outbox.outages()).allSatisfy(failure ->
        assertThat(failure.errorClass()).isEqualTo(WebhookUnavailableException.class.getName()));

    receiver.answer(200);
    outbox.awaitPublished(events, Duration.ofSeconds(20));
    assertAllInOrderPerAggregate(events, receiver.accepted().stream().map(r -> r.headers().get("event-id")).toList());
    assertThat(outbox.failures()).isEmpty();
  }

  /** Two attempts, 100 ms apart at most: an outage of a few seconds is many times that budget. */
  private static final RetryPolicy SMALL_BUDGET =
      RetryPolicy.DEFAULT.withMaxAttempts(2).withDelays(Duration.ofMillis(50), Duration.ofMillis(100));

  @Test
  void aWebhookUnavailableForLongerThanTheWholeRetryBudgetGetsEveryAggregateCompleteAndInOrder() throws Exception {
    receiver.answer(503);
    List<Event> events = outbox.append(10, 5);
    outbox.publish(webhook(receiver.url()).build(), SMALL_BUDGET);

    outbox.awaitRetries(10, Duration.ofSeconds(15));
    Thread.sleep(3_000);
    assertThat(outbox.countPublished(events)).isZero();
    assertThat(outbox.failures()).as("an outage spends no attempt, so none runs out").isEmpty();
    assertThat(receiver.requests().size()).as("probed one event at a time, not every event").isLessThan(40);

    receiver.answer(200);
    long back = System.nanoTime();
    outbox.awaitPublished(events, Duration.ofSeconds(20));
    assertThat(Duration.ofNanos(System.nanoTime() - back)).as("every aggregate resumes soon after it answers")
        .isLessThan(Duration.ofSeconds(10));
    assertAllInOrderPerAggregate(events, receiver.accepted().stream().map(r -> r.headers().get("event-id")).toList());
    assertThat(outbox.failures()).isEmpty();
    assertThat(outbox.retries()).isEmpty();
  }

  @Test
  void refusedConnectionsForLongerThanTheRetryBudgetLoseNoEventAndNoOrder() throws Exception {
    try (TcpForwarder door = TcpForwarder.start(receiver.port())) {
      door.stop();
      List<Event> events = outbox.append(4, 3);
      outbox.publish(webhook("http://127.0.0.1:" + door.port() + "/hook").build(), SMALL_BUDGET);

      outbox.awaitRetries(4, Duration.ofSeconds(15));
      Thread.sleep(2_000);
      assertThat(outbox.failures()).isEmpty();

      door.resume();
      outbox.awaitPublished(events, Duration.ofSeconds(20));
      assertAllInOrderPerAggregate(events, receiver.accepted().stream().map(r -> r.headers().get("event-id")).toList());
      assertThat(outbox.failures()).isEmpty();
    }
  }

  @Test
  void refusedConnectionsKeepEventsPendingUntilTheWebhookIsBack() throws Exception {
    try (TcpForwarder door = TcpForwarder.start(receiver.port())) {
      door.stop();
      List<Event> events = outbox.append(2, 3);
      outbox.publish(webhook("http://127.0.0.1:" + door.port() + "/hook").build());

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
    WebhookHandler webhook = webhook(receiver.url()).build();

    receiver.answer(204);
    assertThat(webhook.handleAll(List.of(event))).isEmpty();
    for (int retried : new int[] {408, 425, 500, 501}) {
      receiver.answer(retried);
      assertThat(failureOf(webhook, event)).as("answer %d", retried)
          .isInstanceOf(WebhookRetryLaterException.class).hasMessageContaining(String.valueOf(retried));
    }
    for (int unavailable : new int[] {429, 502, 503, 504}) {
      receiver.answer(unavailable);
      assertThat(failureOf(webhook, event)).as("answer %d", unavailable)
          .isInstanceOf(WebhookUnavailableException.class).hasMessageContaining(String.valueOf(unavailable));
    }
    for (int refused : new int[] {301, 400, 404, 409, 410, 413, 422}) {
      receiver.answer(refused);
      assertThat(failureOf(webhook, event)).as("answer %d", refused)
          .isInstanceOf(WebhookRejectedException.class).hasMessageContaining(String.valueOf(refused))
          .hasMessageContaining(event.id().toString());
    }
  }

  @Test
  void whichClientErrorsAreRetriedIsASetting() throws Exception {
    Event event = outbox.append(1, 1).get(0);
    WebhookHandler webhook = webhook(receiver.url()).retryableStatuses(Set.of(409)).build();

    receiver.answer(409);
    assertThat(failureOf(webhook, event)).isInstanceOf(WebhookRetryLaterException.class);
    receiver.answer(429);
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
    outbox.publish(webhook(receiver.url()).build());

    outbox.awaitFailures(1, Duration.ofSeconds(10));
    assertThat(outbox.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.errorClass()).isEqualTo(WebhookRejectedException.class.getName());
      assertThat(failure.message()).contains("422");
    });
    assertThat(outbox.retries()).isEmpty();
    assertThat(outbox.countPublished(events)).isZero();
  }

  /** Publishes {@code events} through a publisher, and returns the requests the receiver accepted. */
  private List<WebhookReceiver.Request> publishAndReceive(List<Event> events) throws InterruptedException {
    outbox.publish(webhook(receiver.url()).build());
    outbox.awaitPublished(events, Duration.ofSeconds(20));
    return receiver.accepted();
  }

  private static Exception failureOf(WebhookHandler webhook, Event event) throws Exception {
    Map<EventId, Exception> failures = webhook.handleAll(List.of(event));
    assertThat(failures).containsOnlyKeys(event.id());
    return failures.get(event.id());
  }

  /**
   * Verifies a request as a Standard Webhooks receiver does: the id is the event's, the timestamp
   * is recent, and one {@code v1} signature is the base64 HMAC-SHA256 of {@code id.timestamp.body}.
   */
  private static void assertSignedAsStandardWebhooks(WebhookReceiver.Request request, byte[] key) throws Exception {
    String id = request.headers().get("webhook-id");
    String timestamp = request.headers().get("webhook-timestamp");
    assertThat(id).isEqualTo(request.headers().get("event-id")).doesNotContain(".");
    assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), within(300L));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] signed = (id + "." + timestamp + "." + request.text()).getBytes(StandardCharsets.UTF_8);
    String expected = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
    assertThat(request.headers().get("webhook-signature").split(" ")).contains(expected);
  }
}
