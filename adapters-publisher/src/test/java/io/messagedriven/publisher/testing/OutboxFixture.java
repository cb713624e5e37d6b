package io.messagedriven.publisher.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.publishing.PublishingListener;
import io.messagedriven.application.publishing.RetryPolicy;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.publisher.MessageHeaders;
import io.messagedriven.publisher.Publisher;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * An outbox on a fresh database with one tenant, events to publish, and a publisher with quick
 * retries that records what it published: the common ground of the target adapters' tests.
 */
public final class OutboxFixture implements AutoCloseable {
  /** Retries come quickly, so a test sees a target come back within a second or so. */
  public static final RetryPolicy QUICK_RETRIES = RetryPolicy.DEFAULT
      .withMaxAttempts(1_000).withDelays(Duration.ofMillis(100), Duration.ofMillis(500));

  private final PostgresStore store;
  private final TenantId tenant;
  private final Set<EventId> published = ConcurrentHashMap.newKeySet();
  private final List<Failure> retries = new CopyOnWriteArrayList<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private final List<Failure> outages = new CopyOnWriteArrayList<>();
  private final List<Publisher> publishers = new ArrayList<>();
  private final AtomicInteger aggregates = new AtomicInteger();

  private OutboxFixture(PostgresStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /** A fresh database, migrated, with one tenant. */
  public static OutboxFixture create() {
    PostgresStore store = TestDatabase.freshStore();
    String slug = "t-" + UUID.randomUUID().toString().substring(0, 8);
    TenantId tenant = new CreateTenant(store.transactions(), Clock.systemUTC())
        .handle(new CreateTenantCommand(slug, "Tenant " + slug)).id();
    return new OutboxFixture(store, tenant);
  }

  public PostgresStore store() {
    return store;
  }

  public TenantId tenant() {
    return tenant;
  }

  /**
   * Appends {@code perAggregate} events to each of {@code aggregateCount} new {@code User}
   * aggregates, interleaved (a1 e1, a2 e1, ..., a1 e2, ...), each with correlation and causation
   * ids and a payload that names its aggregate and place. Returns them in write order.
   */
  public List<Event> append(int aggregateCount, int perAggregate) {
    List<String> ids = new ArrayList<>();
    for (int a = 0; a < aggregateCount; a++) {
      ids.add("user-" + aggregates.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8));
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Event> events = new ArrayList<>();
    for (int n = 0; n < perAggregate; n++) {
      for (String id : ids) {
        String name = n == 0 ? "User.created" : "User.renamed";
        String payload = "{\"userId\":\"" + id + "\",\"sequence\":" + n + ",\"name\":\"Ada \\\"" + n + "\\\" Lovelace\"}";
        events.add(Event.raise(tenant, "User", id, name, payload, now.plusMillis(events.size()))
            .withHeader(Event.CORRELATION_ID, "corr-" + id)
            .withHeader(Event.CAUSATION_ID, "cause-" + id + "-" + n));
      }
    }
    append(events);
    return events;
  }

  /**
   * Appends two events to each of three aggregates whose ids hold text beyond ASCII ({@code José},
   * {@code Straße-1}, an emoji), with header values beyond ASCII too (Latin-1, an emoji, a value
   * that looks encoded) and a payload to match. Returns them in write order.
   */
  public List<Event> appendUnicode() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Event> events = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      for (String id : List.of("José", "Straße-1", "\uD83D\uDE80-launch")) {
        String name = n == 0 ? "User.created" : "User.renamed";
        String payload = "{\"userId\":\"" + id + "\",\"sequence\":" + n + ",\"name\":\"Zoë Ñúñez \uD83D\uDE00\"}";
        events.add(Event.raise(tenant, "User", id, name, payload, now.plusMillis(events.size()))
            .withHeader(Event.CORRELATION_ID, "corr-" + id)
            .withHeader(Event.CAUSATION_ID, "cause-" + id + "-" + n)
            .withHeader("note", "café crème, 100% \uD83D\uDE00 + \u201Cquotes\u201D")
            .withHeader("looks-encoded", "UTF-8''not-encoded")
            .withHeader("plain", "100% plain ASCII"));
      }
    }
    append(events);
    return events;
  }

  /** Appends one event whose payload is exactly {@code bytes} bytes of UTF-8 JSON, and returns it. */
  public Event appendPayloadOf(int bytes) {
    String id = "big-" + aggregates.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    String payload = "{\"blob\":\"" + "x".repeat(bytes - 11) + "\"}";
    Event event = Event.raise(tenant, "User", id, "User.created", payload, Instant.now())
        .withHeader(Event.CORRELATION_ID, "corr-" + id);
    append(List.of(event));
    return event;
  }

  private void append(List<Event> events) {
    store.transactions().inTenant(tenant, uow -> {
      uow.outbox().append(events);
      return null;
    });
  }

  /** A started publisher of this outbox to {@code handler}, with quick retries and polls. */
  public Publisher publish(EventHandler handler) {
    return publish(handler, 100, 4);
  }

  /** A started publisher with the given batch size and workers. */
  public Publisher publish(EventHandler handler, int batchSize, int workers) {
    return publish(handler, batchSize, workers, QUICK_RETRIES);
  }

  /** A started publisher of this outbox to {@code handler} with the given retry policy. */
  public Publisher publish(EventHandler handler, RetryPolicy retryPolicy) {
    return publish(handler, 100, 4, retryPolicy);
  }

  private Publisher publish(EventHandler handler, int batchSize, int workers, RetryPolicy retryPolicy) {
    Publisher publisher = Publisher.builder()
        .outbox(store.outbox())
        .signals(store.signals())
        .handler(handler)
        .name("test")
        .batchSize(batchSize)
        .workers(workers)
        .pollInterval(Duration.ofMillis(50))
        .lease(Duration.ofSeconds(30))
        .stopTimeout(Duration.ofSeconds(10))
        .retryPolicy(retryPolicy)
        .listener(new PublishingListener() {
          @Override
          public void published(ClaimedEvent event) {
            published.add(event.event().id());
          }

          @Override
          public void retried(ClaimedEvent event, Duration delay, Failure failure) {
            retries.add(failure);
          }

          @Override
          public void failed(ClaimedEvent event, Failure failure) {
            failures.add(failure);
          }

          @Override
          public void unavailable(ClaimedEvent event, Failure failure) {
            outages.add(failure);
          }
        })
        .build();
    publishers.add(publisher);
    publisher.start();
    return publisher;
  }

  /** Waits until every one of {@code events} is marked published. */
  public void awaitPublished(Collection<Event> events, Duration timeout) throws InterruptedException {
    Set<EventId> ids = ids(events);
    await(() -> published.containsAll(ids), timeout, () -> "published " + countPublished(events) + " of "
        + events.size() + " events; last retry: " + lastRetry() + "; failures: " + failures);
  }

  /**
   * The outage scenario: publishes some events to {@code handler}, cuts the target off, appends
   * more and checks they stay pending while retried, restores the target and waits until every
   * event is published. Returns all the events, in write order.
   */
  public List<Event> publishThroughOutage(EventHandler handler, Runnable cutOff, Runnable restore, Duration patience)
      throws InterruptedException {
    List<Event> before = append(4, 2);
    publish(handler);
    awaitPublished(before, patience);

    cutOff.run();
    List<Event> during = append(4, 3);
    awaitRetries(4, patience);
    assertThat(countPublished(during)).as("published while the target was cut off").isZero();

    restore.run();
    awaitPublished(during, patience);
    List<Event> all = new ArrayList<>(before);
    all.addAll(during);
    return all;
  }

  /**
   * Waits until at least {@code count} attempts did not get through and their events were put
   * back: retried (a refusal) or given back while the target was unavailable (an outage).
   */
  public void awaitRetries(int count, Duration timeout) throws InterruptedException {
    await(() -> retries.size() + outages.size() >= count, timeout,
        () -> "attempts put back: " + retries.size() + " retried, " + outages.size() + " in an outage, of " + count);
  }

  /** Waits until at least {@code count} events failed for good. */
  public void awaitFailures(int count, Duration timeout) throws InterruptedException {
    await(() -> failures.size() >= count, timeout, () -> "failures seen: " + failures.size() + " of " + count);
  }

  private static void await(BooleanSupplier done, Duration timeout, Supplier<String> what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(what.get() + " within " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** How many of {@code events} are marked published. */
  public long countPublished(Collection<Event> events) {
    return ids(events).stream().filter(published::contains).count();
  }

  /** The failures of the attempts that were retried, oldest first. */
  public List<Failure> retries() {
    return List.copyOf(retries);
  }

  /** The failures of the attempts given back while the target was unavailable (outages), oldest first. */
  public List<Failure> outages() {
    return List.copyOf(outages);
  }

  /** The failures that ended events for good. */
  public List<Failure> failures() {
    return List.copyOf(failures);
  }

  private String lastRetry() {
    return retries.isEmpty() ? "none" : retries.get(retries.size() - 1).errorClass() + ": " + retries.get(retries.size() - 1).message();
  }

  private static Set<EventId> ids(Collection<Event> events) {
    Set<EventId> ids = new LinkedHashSet<>();
    events.forEach(event -> ids.add(event.id()));
    return ids;
  }

  /**
   * Checks what a consumer received: every event at least once, each aggregate's events first
   * seen in write order (a redelivery may repeat an event later, never reorder the first ones).
   */
  public static void assertAllInOrderPerAggregate(List<Event> sent, List<String> receivedEventIds) {
    assertThat(new LinkedHashSet<>(receivedEventIds))
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(event -> event.id().toString()).toList());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    Map<String, String> aggregateOf = new LinkedHashMap<>();
    for (Event event : sent) {
      expected.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event.id().toString());
      aggregateOf.put(event.id().toString(), event.aggregateId());
    }
    Map<String, List<String>> firstSeen = new LinkedHashMap<>();
    for (String id : new LinkedHashSet<>(receivedEventIds)) {
      firstSeen.computeIfAbsent(aggregateOf.get(id), a -> new ArrayList<>()).add(id);
    }
    assertThat(firstSeen).isEqualTo(expected);
  }

  /**
   * Checks one received message: the event's standard and own headers, the outbox's sequence,
   * and its payload.
   */
  public static void assertCarries(Event event, Map<String, String> headers, String payload) {
    assertThat(headers).containsAllEntriesOf(MessageHeaders.of(event));
    assertThat(headers.get(MessageHeaders.SEQUENCE)).as("the outbox's sequence").matches("[1-9][0-9]*");
    assertThat(headers).containsEntry(Event.CORRELATION_ID, event.headers().get(Event.CORRELATION_ID));
    assertThat(payload).isEqualTo(event.payload());
  }

  /**
   * Header values as a consumer of an ASCII-only transport reads them, with no help from this
   * library: a value starting with {@code UTF-8''} is the rest percent-decoded as UTF-8.
   */
  public static Map<String, String> decoded(Map<String, String> headers) {
    Map<String, String> decoded = new LinkedHashMap<>();
    headers.forEach((name, value) -> decoded.put(name, value.startsWith("UTF-8''")
        ? URLDecoder.decode(value.substring("UTF-8''".length()), StandardCharsets.UTF_8) : value));
    return decoded;
  }

  /** A CloudEvents attribute as the HTTP and NATS bindings have a receiver decode it: percent-decoded UTF-8. */
  public static String cloudEventsDecoded(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * Checks the CloudEvents attributes a consumer read from a message of {@code event} (by name,
   * decoded as its binding says, {@code datacontenttype} from wherever the binding puts it).
   */
  public static void assertCloudEventOf(Event event, Map<String, String> attributes) {
    assertThat(attributes).containsEntry("id", event.id().toString())
        .containsEntry("specversion", "1.0")
        .containsEntry("source", "/tenants/" + event.tenantId() + "/" + event.aggregateType())
        .containsEntry("type", event.name())
        .containsEntry("subject", event.aggregateId())
        .containsEntry("datacontenttype", "application/json");
    assertThat(OffsetDateTime.parse(attributes.get("time"))).isEqualTo(event.occurredAt().atOffset(ZoneOffset.UTC));
  }

  /** The events by id, for looking up what a consumer received. */
  public static Map<String, Event> byId(List<Event> events) {
    Map<String, Event> byId = new LinkedHashMap<>();
    events.forEach(event -> byId.put(event.id().toString(), event));
    return byId;
  }

  @Override
  public void close() {
    publishers.forEach(Publisher::close);
    store.close();
  }
}
