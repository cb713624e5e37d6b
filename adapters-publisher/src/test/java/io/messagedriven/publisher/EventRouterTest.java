package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.NonRetryableException;
import io.messagedriven.application.port.TargetFailedException;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventRouterTest {
  private static final TenantId TENANT = TenantId.random();
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private final Event userCreated = event("User", "User.created");
  private final Event userDeleted = event("User", "User.deleted");
  private final Event tenantCreated = event("Tenant", "Tenant.created");
  private final Event usersCreated = event("Users", "Users.created");

  private static Event event(String aggregateType, String name) {
    return Event.raise(TENANT, aggregateType, "42", name, "{}", NOW);
  }

  /** A handler that records what it gets under a label, in one shared log. */
  private static EventHandler recording(String label, List<String> log) {
    return event -> log.add(label + ":" + event.name());
  }

  @Test
  void exactRouteTakesOnlyThatName() throws Exception {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder().route("User.created", recording("a", log)).build();

    router.handle(userCreated);

    assertThat(log).containsExactly("a:User.created");
    assertThatThrownBy(() -> router.handle(userDeleted)).isInstanceOf(NoRouteException.class);
  }

  @Test
  void aggregateWildcardTakesEveryEventOfThatAggregateOnly() throws Exception {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder().route("User.*", recording("a", log)).build();

    router.handle(userCreated);
    router.handle(userDeleted);

    assertThat(log).containsExactly("a:User.created", "a:User.deleted");
    assertThatThrownBy(() -> router.handle(tenantCreated)).isInstanceOf(NoRouteException.class);
    assertThatThrownBy(() -> router.handle(usersCreated)).isInstanceOf(NoRouteException.class);
  }

  @Test
  void starTakesEveryEvent() throws Exception {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder().route("*", recording("a", log)).build();

    router.handle(userCreated);
    router.handle(tenantCreated);
    router.handle(usersCreated);

    assertThat(log).containsExactly("a:User.created", "a:Tenant.created", "a:Users.created");
  }

  @Test
  void anEventGoesToEveryMatchingRouteInTheOrderTheyWereAdded() throws Exception {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder()
        .route("User.*", recording("wildcard", log))
        .route("Tenant.*", recording("tenant", log))
        .route("*", recording("star", log))
        .route("User.created", recording("exact", log))
        .build();

    router.handle(userCreated);

    assertThat(log).containsExactly("wildcard:User.created", "star:User.created", "exact:User.created");
  }

  @Test
  void reportsWhichNamesItRoutes() {
    EventRouter router = EventRouter.builder().route("User.*", e -> {}).build();

    assertThat(router.routes("User.created")).isTrue();
    assertThat(router.routes("Tenant.created")).isFalse();
  }

  @Test
  void unroutedEventFailsForGoodByDefault() {
    EventRouter router = EventRouter.builder().route("Tenant.*", e -> {}).build();

    assertThatThrownBy(() -> router.handle(userCreated))
        .isInstanceOf(NoRouteException.class)
        .isInstanceOf(NonRetryableException.class)
        .hasMessage("no route for event User.created (id " + userCreated.id() + ")");
  }

  @Test
  void unroutedEventsOfABatchFailAndTheRoutedOnesDoNot() {
    EventRouter router = EventRouter.builder().route("Tenant.*", e -> {}).build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, tenantCreated, userDeleted));

    assertThat(failures).containsOnlyKeys(userCreated.id(), userDeleted.id());
    assertThat(failures.values()).allSatisfy(e -> assertThat(e).isInstanceOf(NoRouteException.class));
  }

  @Test
  void retryUnroutedMakesAnUnroutedEventRetryable() {
    EventRouter router = EventRouter.builder()
        .route("Tenant.*", e -> {})
        .onUnrouted(EventRouter.retryUnrouted())
        .build();

    assertThatThrownBy(() -> router.handle(userCreated))
        .isNotInstanceOf(NonRetryableException.class)
        .hasMessageContaining("User.created")
        .hasMessageContaining(userCreated.id().toString())
        .satisfies(e -> assertThat(RetryPolicy.DEFAULT.isNonRetryable(e)).isFalse());
  }

  @Test
  void aCustomUnroutedHandlerGetsOnlyTheUnroutedEvents() {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder()
        .route("User.*", recording("user", log))
        .onUnrouted(recording("unrouted", log))
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, tenantCreated, usersCreated));

    assertThat(failures).isEmpty();
    assertThat(log).containsExactly("user:User.created", "unrouted:Tenant.created", "unrouted:Users.created");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "user.created", "User", "User.", ".created", "User.Created", "User.*.x",
    "*.created", "User.created.*", "User created", "**", "User*", "User.cre*", "Us*.created"})
  void malformedPatternsAreRejectedWhenTheRouteIsAdded(String pattern) {
    EventRouter.Builder builder = EventRouter.builder();

    assertThatThrownBy(() -> builder.route(pattern, e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route pattern must be Aggregate.verb, Aggregate.* or *, was " + pattern);
  }

  @Test
  void aRouteNeedsAHandler() {
    assertThatThrownBy(() -> EventRouter.builder().route("User.*", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> EventRouter.builder().onUnrouted(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void buildingWithoutRoutesIsRejected() {
    assertThatThrownBy(() -> EventRouter.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("routes");
  }

  @Test
  void aBatchRouteGetsItsMatchingEventsInOneCall() {
    List<List<Event>> batches = new ArrayList<>();
    List<String> log = new ArrayList<>();
    BatchEventHandler broker = events -> {
      batches.add(events);
      return Map.of();
    };
    EventRouter router = EventRouter.builder()
        .route("User.*", broker)
        .route("*", recording("plain", log))
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, tenantCreated, userDeleted));

    assertThat(failures).isEmpty();
    assertThat(batches).containsExactly(List.of(userCreated, userDeleted));
    assertThat(log).containsExactly("plain:User.created", "plain:Tenant.created", "plain:User.deleted");
  }

  @Test
  void anEventThatFailsOnOneRouteStillGoesToTheLaterRoutesAndTheFailureNamesTheTarget() {
    List<String> log = new ArrayList<>();
    IOException timeout = new IOException("timeout");
    EventRouter router = EventRouter.builder()
        .route("User.*", event -> {
          if (event.equals(userCreated)) {
            throw timeout;
          }
        })
        .route("*", recording("later", log))
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, userDeleted, tenantCreated));

    assertThat(failures).containsOnlyKeys(userCreated.id());
    assertThat(failures.get(userCreated.id())).isInstanceOfSatisfying(TargetFailedException.class, failed -> {
      assertThat(failed.target()).isEqualTo("route-1");
      assertThat(failed.delivered()).containsExactly("route-2");
      assertThat(failed).hasCause(timeout).hasMessage("target route-1: timeout");
    });
    assertThat(log).containsExactly("later:User.created", "later:User.deleted", "later:Tenant.created");
  }

  @Test
  void failuresOfABatchRouteMapBackToTheirEvents() {
    List<String> log = new ArrayList<>();
    NonRetryableException refused = new NonRetryableException("refused");
    BatchEventHandler broker = events -> Map.of(userDeleted.id(), refused);
    EventRouter router = EventRouter.builder()
        .route("User.*", "broker", broker)
        .route("*", recording("later", log))
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, userDeleted, tenantCreated));

    assertThat(failures).containsOnlyKeys(userDeleted.id());
    assertThat(failures.get(userDeleted.id())).isInstanceOf(TargetFailedException.class).hasCause(refused)
        .hasMessage("target broker: refused");
    assertThat(log).containsExactly("later:User.created", "later:User.deleted", "later:Tenant.created");
  }

  @Test
  void targetsThatHaveAnEventAreSkippedAndTheOthersGetIt() {
    List<String> log = new ArrayList<>();
    EventRouter router = EventRouter.builder()
        .route("*", "kafka", recording("kafka", log))
        .route("*", "webhook", recording("webhook", log))
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, userDeleted),
        Map.of(userCreated.id(), Set.of("kafka")));

    assertThat(failures).isEmpty();
    assertThat(log).containsExactly("kafka:User.deleted", "webhook:User.created", "webhook:User.deleted");
  }

  @Test
  void aNamedTargetsFailureNamesItEvenWhenNoOtherTargetHasTheEvent() {
    IOException down = new IOException("down");
    EventRouter router = EventRouter.builder().route("*", "crm", e -> {
      throw down;
    }).build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated));

    assertThat(failures.get(userCreated.id())).isInstanceOfSatisfying(TargetFailedException.class, failed -> {
      assertThat(failed.target()).isEqualTo("crm");
      assertThat(failed.delivered()).isEmpty();
    });
  }

  @Test
  void routesAreTargetsNamedInTheOrderAdded() {
    EventRouter router = EventRouter.builder()
        .route("User.*", e -> {})
        .route("*", "webhook", e -> {})
        .route("Tenant.*", e -> {})
        .build();

    assertThat(router.targets()).containsExactly("route-1", "webhook", "route-3");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "-kafka", "kafka topic", "käfka"})
  void malformedTargetNamesAreRejectedWhenTheRouteIsAdded(String target) {
    assertThatThrownBy(() -> EventRouter.builder().route("*", target, e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("route target must be letters, digits");
  }

  @Test
  void aTargetNameIsUsedOnce() {
    EventRouter.Builder builder = EventRouter.builder().route("*", "kafka", e -> {});

    assertThatThrownBy(() -> builder.route("User.*", "kafka", e -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("route target kafka is named twice");
  }

  @Test
  void aBatchRouteThatThrowsFailsEachOfItsEventsOnly() {
    IOException down = new IOException("broker down");
    BatchEventHandler broker = events -> {
      throw down;
    };
    EventRouter router = EventRouter.builder()
        .route("User.*", broker)
        .route("Tenant.*", e -> {})
        .build();

    Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, tenantCreated, userDeleted));

    assertThat(failures).containsOnly(Map.entry(userCreated.id(), down), Map.entry(userDeleted.id(), down));
  }

  @Test
  void handleOfOneEventThrowsItsFailure() {
    IOException timeout = new IOException("timeout");
    EventRouter router = EventRouter.builder().route("User.created", e -> {
      throw timeout;
    }).build();

    assertThatThrownBy(() -> router.handle(userCreated)).isSameAs(timeout);
  }

  @Test
  void anInterruptedRouteRestoresTheInterruptFlag() {
    EventRouter router = EventRouter.builder().route("*", e -> {
      throw new InterruptedException("stopping");
    }).build();
    try {
      Map<EventId, Exception> failures = router.handleAll(List.of(userCreated, tenantCreated));

      assertThat(failures.values()).allSatisfy(e -> assertThat(e).isInstanceOf(InterruptedException.class));
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }
}
