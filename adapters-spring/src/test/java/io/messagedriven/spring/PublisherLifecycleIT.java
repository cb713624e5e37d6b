package io.messagedriven.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.EventRouter;
import io.messagedriven.publisher.Publisher;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/** The publisher starts with the application context and stops with it, letting a running handler finish. */
class PublisherLifecycleIT {

  /** A handler that holds its first event until the test lets it go. */
  @Configuration(proxyBeanMethods = false)
  static class SlowHandler {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean finished = new AtomicBoolean();

    @Bean
    @HandlesEvents("Order.*")
    EventHandler slowHandler() {
      return event -> {
        started.countDown();
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
        finished.set(true);
      };
    }
  }

  @Test
  void thePublisherRunsOnceTheContextHasStarted() {
    TestApps.runner(TestApps.freshDatabase()).withUserConfiguration(TestApps.Orders.class).run(context -> {
      assertThat(context.getBean(Publisher.class).isRunning()).isTrue();
      assertThat(context.getBean(Publisher.class).owner()).startsWith("publisher-");
    });
  }

  @Test
  void closingTheContextWaitsForTheRunningHandlerAndRecordsItsOutcome() {
    String url = TestApps.freshDatabase();
    TestApps.runner(url).withUserConfiguration(SlowHandler.class)
        .withPropertyValues("message-driven.publisher.stop-timeout=20s")
        .run(context -> {
          SlowHandler slow = context.getBean(SlowHandler.class);
          Publisher publisher = context.getBean(Publisher.class);
          context.getBean(TransactionTemplate.class).executeWithoutResult(status ->
              context.getBean(TransactionalOutbox.class).append(TestApps.placed(UUID.randomUUID(), 1)));
          assertThat(slow.started.await(15, TimeUnit.SECONDS)).as("the handler started").isTrue();

          ConfigurableApplicationContext application = context.getSourceApplicationContext();
          Thread closer = new Thread(application::close, "close-context");
          closer.start();
          await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.isRunning());
          assertThat(closer.isAlive()).as("close waits for the handler").isTrue();

          slow.release.countDown();
          closer.join(TimeUnit.SECONDS.toMillis(20));

          assertThat(closer.isAlive()).isFalse();
          assertThat(slow.finished).isTrue();
          assertThat(TestApps.count(url, "select count(*) from message_driven.events where published_at is not null"))
              .isEqualTo(1);
        });
  }

  @Test
  void anInstanceThatOnlyWritesRunsNoPublisherAndNeedsNoHandler() {
    TestApps.runner(TestApps.freshDatabase()).withPropertyValues("message-driven.publisher.enabled=false")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(TransactionalOutbox.class)
              .doesNotHaveBean(Publisher.class).doesNotHaveBean(EventRouter.class);
        });
  }

  @Test
  void aPublisherWithoutAnyHandlerFailsStartupSayingWhatToDo() {
    TestApps.runner(TestApps.freshDatabase()).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("@HandlesEvents")
          .hasMessageContaining("message-driven.publisher.enabled=false");
    });
  }

  @Test
  void aHandlesEventsAnnotationOnABeanThatIsNoHandlerFailsStartupNamingIt() {
    TestApps.runner(TestApps.freshDatabase())
        .withBean("notAHandler", NotAHandler.class, NotAHandler::new)
        .run(context -> assertThat(context.getStartupFailure()).rootCause()
            .hasMessageContaining("bean notAHandler has @HandlesEvents but is not an EventHandler"));
  }

  @Test
  void aMalformedRoutePatternFailsStartupNamingTheBean() {
    TestApps.runner(TestApps.freshDatabase())
        .withBean("badRoute", BadRoute.class, BadRoute::new)
        .run(context -> assertThat(context.getStartupFailure())
            .hasStackTraceContaining("@HandlesEvents of bean badRoute: route pattern must be Aggregate.verb, "
                + "Aggregate.* or *, was order placed"));
  }

  @HandlesEvents("Order.placed")
  static final class NotAHandler {}

  @HandlesEvents("order placed")
  static final class BadRoute implements EventHandler {
    @Override
    public void handle(io.messagedriven.domain.Event event) {}
  }
}
