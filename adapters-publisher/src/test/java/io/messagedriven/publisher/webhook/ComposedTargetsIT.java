package io.messagedriven.publisher.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.domain.Event;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.testing.OutboxFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The router composes targets: every User event to one, User.created also to another. */
class ComposedTargetsIT {

  @Test
  void aggregateWildcardGoesToOneTargetAndOneNameAlsoToAnother() throws Exception {
    try (WebhookReceiver everything = new WebhookReceiver();
        WebhookReceiver created = new WebhookReceiver();
        OutboxFixture outbox = OutboxFixture.create()) {
      EventRouter router = EventRouter.builder()
          .route("User.*", WebhookHandler.builder().url(everything.url()).secret("one").build())
          .route("User.created", WebhookHandler.builder().url(created.url()).secret("two").build())
          .build();
      List<Event> events = outbox.append(4, 3);
      outbox.publish(router);
      outbox.awaitPublished(events, Duration.ofSeconds(20));

      assertThat(idsOf(everything)).containsExactlyInAnyOrderElementsOf(ids(events));
      assertThat(idsOf(created)).containsExactlyInAnyOrderElementsOf(
          ids(events.stream().filter(event -> event.name().equals("User.created")).toList()));
      OutboxFixture.assertAllInOrderPerAggregate(events, idsOf(everything));
    }
  }

  @Test
  void anEventIsPublishedOnlyOnceEveryMatchingTargetAcknowledgedIt() throws Exception {
    try (WebhookReceiver everything = new WebhookReceiver();
        WebhookReceiver created = new WebhookReceiver();
        OutboxFixture outbox = OutboxFixture.create()) {
      created.answer(503);
      EventRouter router = EventRouter.builder()
          .route("User.*", WebhookHandler.builder().url(everything.url()).secret("one").build())
          .route("User.created", WebhookHandler.builder().url(created.url()).secret("two").build())
          .build();
      List<Event> events = outbox.append(2, 1);
      outbox.publish(router);
      outbox.awaitRetries(2, Duration.ofSeconds(15));
      assertThat(outbox.countPublished(events)).isZero();

      created.answer(200);
      outbox.awaitPublished(events, Duration.ofSeconds(20));
      assertThat(idsOf(created)).containsExactlyInAnyOrderElementsOf(ids(events));
    }
  }

  @Test
  void aTargetThatRefusesForAWhileGetsTheRetriesAndTheOneThatAcceptedIsNotSentTheEventAgain() throws Exception {
    try (WebhookReceiver broker = new WebhookReceiver();
        WebhookReceiver crm = new WebhookReceiver();
        OutboxFixture outbox = OutboxFixture.create()) {
      crm.answer(500);
      EventRouter router = EventRouter.builder()
          .route("User.*", "broker", WebhookHandler.builder().url(broker.url()).secret("one").build())
          .route("User.*", "crm", WebhookHandler.builder().url(crm.url()).secret("two").build())
          .build();
      List<Event> events = outbox.append(3, 2);
      outbox.publish(router, OutboxFixture.QUICK_RETRIES);
      outbox.awaitRetries(6, Duration.ofSeconds(20));

      crm.answer(200);
      outbox.awaitPublished(events, Duration.ofSeconds(30));

      assertThat(crm.requests().size()).as("the refusing target got the retries").isGreaterThan(events.size());
      assertThat(idsOf(broker)).as("each event once, though the other target made it retry")
          .containsExactlyInAnyOrderElementsOf(ids(events));
      assertThat(outbox.retries()).allSatisfy(failure -> assertThat(failure.message()).startsWith("target crm: "));
      OutboxFixture.assertAllInOrderPerAggregate(events, idsOf(crm));
    }
  }

  @Test
  void anEventOneTargetRefusesForGoodIsFailedNamingItAndTheOtherTargetHasItOnce() throws Exception {
    try (WebhookReceiver broker = new WebhookReceiver();
        WebhookReceiver crm = new WebhookReceiver();
        OutboxFixture outbox = OutboxFixture.create()) {
      crm.answer(422);
      EventRouter router = EventRouter.builder()
          .route("User.*", "broker", WebhookHandler.builder().url(broker.url()).secret("one").build())
          .route("User.*", "crm", WebhookHandler.builder().url(crm.url()).secret("two").build())
          .build();
      List<Event> events = outbox.append(1, 1);
      outbox.publish(router, OutboxFixture.QUICK_RETRIES);
      outbox.awaitFailures(1, Duration.ofSeconds(20));

      assertThat(idsOf(broker)).containsExactlyElementsOf(ids(events));
      assertThat(outbox.failures()).singleElement().satisfies(failure -> {
        assertThat(failure.errorClass()).isEqualTo(WebhookRejectedException.class.getName());
        assertThat(failure.message()).startsWith("target crm: ").contains("422");
      });
      EventRecord record = outbox.store().transactions().inTenant(outbox.tenant(), tx -> tx.history()
          .of(outbox.tenant(), events.get(0).aggregateType(), events.get(0).aggregateId(), 0, 10)).get(0);
      assertThat(record.deliveredTo()).containsExactly("broker");
    }
  }

  private static List<String> idsOf(WebhookReceiver receiver) {
    return receiver.accepted().stream().map(request -> request.headers().get("event-id")).toList();
  }

  private static List<String> ids(List<Event> events) {
    return events.stream().map(event -> event.id().toString()).toList();
  }
}
