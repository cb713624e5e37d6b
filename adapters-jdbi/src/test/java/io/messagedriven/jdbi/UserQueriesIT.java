package io.messagedriven.jdbi;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.tenant.TenantQueries;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.application.port.Failure;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserQueriesIT {
  private static PostgresStore store;
  private static Jdbi admin;
  private static UserQueries queries;
  private final Clock clock = Clock.systemUTC();
  private Tenant tenant;
  private Tenant other;

  @BeforeAll
  static void startStore() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    admin = Jdbi.create(url);
    queries = new UserQueries(store.transactions(), new PostgresUsers());
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void twoTenants() {
    tenant = newTenant("q");
    other = newTenant("o");
  }

  @Test
  void pagesThroughATenantsUsersInCreationOrderWithoutLossOrRepeat() {
    for (int i = 0; i < 7; i++) {
      create(tenant, "user" + i + "@example.com", clock);
    }
    create(other, "user0@example.com", clock);

    List<List<User>> pages = readAllPages(tenant.id(), 3);

    assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(pages.stream().flatMap(List::stream).map(user -> user.id().value()).toList())
        .containsExactlyElementsOf(idsInCreationOrder(tenant));
  }

  @Test
  void usersCreatedAtTheSameInstantArePagedByIdWithoutLossOrRepeat() {
    Clock frozen = Clock.fixed(Instant.parse("2024-05-01T10:00:00.123456Z"), ZoneOffset.UTC);
    for (int i = 0; i < 10; i++) {
      create(tenant, "same" + i + "@example.com", frozen);
    }

    List<UUID> read = readAllPages(tenant.id(), 4).stream().flatMap(List::stream).map(u -> u.id().value()).toList();

    assertThat(read).hasSize(10).doesNotHaveDuplicates().containsExactlyElementsOf(idsInCreationOrder(tenant));
  }

  @Test
  void findsAUserByIdAndByEmailIgnoringCaseInItsTenantOnly() {
    User grace = create(tenant, "Grace@Example.com", clock);

    assertThat(queries.findById(tenant.id(), grace.id())).contains(grace);
    assertThat(queries.findByEmail(tenant.id(), "GRACE@EXAMPLE.COM")).contains(grace);
    assertThat(queries.findByEmail(tenant.id(), "grace@example.com")).contains(grace);
    assertThat(queries.findById(other.id(), grace.id())).isEmpty();
    assertThat(queries.findByEmail(other.id(), "grace@example.com")).isEmpty();
  }

  @Test
  void lookUpsByEmailAndPagesUseAnIndexUnderRowLevelSecurity() {
    create(tenant, "indexed@example.com", clock);
    RawSql raw = new RawSql(store);

    String byEmail = plan(raw, "select id from message_driven.users where tenant_id = ? and email_lower = lower(?)",
        tenant.id().value(), "INDEXED@example.com");
    String page = plan(raw, "select id from message_driven.users where tenant_id = ? and (created_at, id) > (?, ?) "
        + "order by created_at, id limit 10", tenant.id().value(), OffsetDateTime.now(), UUID.randomUUID());

    assertThat(byEmail).contains("users_email_per_tenant").containsPattern("Index Cond: .*email_lower");
    assertThat(page).contains("users_tenant_created").containsPattern("Index Cond: .*created_at");
  }

  @Test
  void anUnknownTenantIsRefused() {
    TenantId unknown = TenantId.random();

    assertThatThrownBy(() -> queries.list(unknown, PageRequest.first(10))).isInstanceOf(UnknownTenantException.class);
    assertThatThrownBy(() -> queries.findById(unknown, UserId.random())).isInstanceOf(UnknownTenantException.class);
  }

  @Test
  void aForeignOrForgedCursorIsRefused() {
    create(tenant, "a@example.com", clock);
    create(tenant, "b@example.com", clock);
    String cursor = queries.list(tenant.id(), PageRequest.first(1)).nextCursor();

    assertThat(queries.list(other.id(), PageRequest.after(cursor, 10)).items())
        .as("a cursor never reaches into another tenant").isEmpty();
    assertThatThrownBy(() -> queries.list(tenant.id(), PageRequest.after("'; DROP TABLE users; --", 10)))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("cursor");
  }

  @Test
  void historyShowsEachEventWithItsStatusAttemptsAndError() {
    User ada = create(tenant, "ada@example.com", clock);
    User bob = create(tenant, "bob@example.com", clock);
    assertThat(onlyEvent(ada)).satisfies(record -> {
      assertThat(record.status()).isEqualTo(EventStatus.PENDING);
      assertThat(record.attempts()).isZero();
      assertThat(record.nextAttemptAt()).isNotNull();
      assertThat(record.event().name()).isEqualTo(User.CREATED);
    });

    Failure timeout = new Failure("java.net.SocketTimeoutException", "read timed out", "stack");
    assertThat(store.outbox().retryLater(claimEventOf(ada), Duration.ZERO, timeout)).isTrue();
    assertThat(onlyEvent(ada)).satisfies(record -> {
      assertThat(record.status()).isEqualTo(EventStatus.PENDING);
      assertThat(record.attempts()).isOne();
      assertThat(record.error()).contains(timeout);
    });

    ClaimedEvent again = claimEventOf(ada);
    assertThat(onlyEvent(ada).status()).isEqualTo(EventStatus.IN_FLIGHT);
    store.outbox().markPublished(List.of(again));
    assertThat(onlyEvent(ada)).satisfies(record -> {
      assertThat(record.status()).isEqualTo(EventStatus.PUBLISHED);
      assertThat(record.attempts()).isEqualTo(2);
      assertThat(record.publishedAt()).isNotNull();
      assertThat(record.nextAttemptAt()).isNull();
      assertThat(record.error()).as("a published event no longer reads as failing").isEmpty();
    });

    store.outbox().markFailed(claimEventOf(bob), new Failure("x.Boom", "boom", "trace"));
    assertThat(onlyEvent(bob)).satisfies(record -> {
      assertThat(record.status()).isEqualTo(EventStatus.FAILED);
      assertThat(record.failedAt()).isNotNull();
      assertThat(record.error().map(Failure::message)).contains("boom");
    });
  }

  @Test
  void historyIsPagedInWriteOrderAndStaysInItsTenant() {
    User ada = create(tenant, "ada@example.com", clock);
    for (int i = 0; i < 4; i++) {
      String name = "User.renamed" + i;
      store.transactions().inTenant(tenant.id(), tx -> {
        tx.outbox().append(Event.raise(tenant.id(), "User", ada.id().toString(), name, "{}", clock.instant()));
        return null;
      });
    }

    List<String> names = new ArrayList<>();
    Page<EventRecord> page = queries.history(tenant.id(), ada.id(), PageRequest.first(2));
    page.items().forEach(record -> names.add(record.event().name()));
    while (page.hasNext()) {
      page = queries.history(tenant.id(), ada.id(), PageRequest.after(page.nextCursor(), 2));
      page.items().forEach(record -> names.add(record.event().name()));
    }

    assertThat(names).containsExactly(
        "User.created", "User.renamed0", "User.renamed1", "User.renamed2", "User.renamed3");
    assertThat(queries.history(other.id(), ada.id(), PageRequest.first(10)).items()).isEmpty();
  }

  @Test
  void tenantsAreFoundByIdOrSlugWithNoTenantSet() {
    TenantQueries tenants = new TenantQueries(store.transactions());

    assertThat(tenants.findBySlug(tenant.slug())).contains(tenant);
    assertThat(tenants.findById(other.id())).contains(other);
    assertThat(tenants.findBySlug("no-such-tenant")).isEmpty();
  }

  /** The plan of {@code query} in the tenant's scope, with sequential scans disfavoured. */
  private String plan(RawSql raw, String query, Object... values) {
    RawSql.Work<List<String>> explain = sql -> {
      sql.update("set local enable_seqscan = off");
      return sql.strings("explain " + query, values);
    };
    List<String> lines = raw.inTenant(tenant.id(), explain);
    return String.join("\n", lines);
  }

  private EventRecord onlyEvent(User user) {
    List<EventRecord> items = queries.history(tenant.id(), user.id(), PageRequest.first(10)).items();
    assertThat(items).hasSize(1);
    return items.get(0);
  }

  /** Claims every due event, keeps the one of {@code user} and gives the others back. */
  private ClaimedEvent claimEventOf(User user) {
    List<ClaimedEvent> claimed = store.outbox().claim("queries-test", 1000, Duration.ofMinutes(1));
    List<ClaimedEvent> others = claimed.stream()
        .filter(c -> !c.event().aggregateId().equals(user.id().toString())).toList();
    store.outbox().release(others);
    return claimed.stream().filter(c -> !others.contains(c)).findFirst().orElseThrow();
  }

  private List<List<User>> readAllPages(TenantId id, int limit) {
    List<List<User>> pages = new ArrayList<>();
    Page<User> page = queries.list(id, PageRequest.first(limit));
    pages.add(page.items());
    while (page.hasNext()) {
      page = queries.list(id, PageRequest.after(page.nextCursor(), limit));
      pages.add(page.items());
    }
    return pages;
  }

  private List<UUID> idsInCreationOrder(Tenant of) {
    return admin.withHandle(h -> h.createQuery("select id from message_driven.users where tenant_id = :t order by created_at, id")
        .bind("t", of.id().value()).mapTo(UUID.class).list());
  }

  private Tenant newTenant(String prefix) {
    return new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand(prefix + "-" + System.nanoTime(), "Tenant " + prefix));
  }

  private User create(Tenant in, String email, Clock at) {
    return new CreateUser(store.transactions(), new PostgresUsers(), at).handle(CreateUserCommand.of(in.id(), email, "User " + email));
  }
}
