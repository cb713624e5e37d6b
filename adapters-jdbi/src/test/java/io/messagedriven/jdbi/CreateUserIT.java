package io.messagedriven.jdbi;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.domain.DuplicateSlugException;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CreateUserIT {
  private static String url;
  private static PostgresStore store;
  private static Jdbi sql;
  private final Clock clock = Clock.systemUTC();
  private CreateUser createUser;
  private Tenant tenant;

  @BeforeAll
  static void startStore() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    sql = Jdbi.create(url);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void newTenant() {
    createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
    String slug = "t-" + System.nanoTime();
    tenant = new CreateTenant(store.transactions(), clock).handle(new CreateTenantCommand(slug, "Tenant " + slug));
  }

  @Test
  void createsUserAndEventInOneTransaction() {
    User ada = createUser.handle(CreateUserCommand.of(tenant.id(), "Ada@Example.COM", "Ada Lovelace")
        .correlatedBy("req-42"));

    Map<String, Object> user = sql.withHandle(h -> h.createQuery("select * from message_driven.users where id = :id")
        .bind("id", ada.id().value()).mapToMap().one());
    assertThat(user).containsEntry("email", "Ada@example.com").containsEntry("name", "Ada Lovelace");

    Map<String, Object> event = sql.withHandle(h -> h.createQuery(
            "select name, status, aggregate_type, aggregate_id, tenant_id, payload->>'email' as email, "
                + "headers->>'correlation-id' as correlation from message_driven.events where aggregate_id = :id")
        .bind("id", ada.id().toString()).mapToMap().one());
    assertThat(event)
        .containsEntry("name", "User.created")
        .containsEntry("status", "PENDING")
        .containsEntry("aggregate_type", "User")
        .containsEntry("tenant_id", tenant.id().value())
        .containsEntry("email", "Ada@example.com")
        .containsEntry("correlation", "req-42");
  }

  @Test
  void failureAfterUserIsWrittenRollsBackUserAndEvent() {
    User.Created created = User.create(tenant.id(), Email.of("grace@example.com"), "Grace", clock);

    assertThatThrownBy(() -> store.transactions().inTenant(tenant.id(), tx -> {
      new PostgresUsers().in(tx).add(created.user());
      tx.outbox().append(created.event());
      throw new IllegalStateException("boom after both writes");
    })).isInstanceOf(IllegalStateException.class).hasMessage("boom after both writes");

    assertThat(countUsers(tenant.id())).isZero();
    assertThat(countEvents(tenant.id())).isZero();
  }

  @Test
  void publisherCannotClaimAnEventBeforeItsTransactionCommits() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch checked = new CountDownLatch(1);
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Future<User> user = writer.submit(() -> store.transactions().inTenant(tenant.id(), tx -> {
        User.Created created = User.create(tenant.id(), Email.of("linus@example.com"), "Linus", clock);
        new PostgresUsers().in(tx).add(created.user());
        tx.outbox().append(created.event());
        written.countDown();
        await(checked);
        return created.user();
      }));
      await(written);
      List<Event> seenBeforeCommit = claimAllOfTenant();
      checked.countDown();
      User committed = user.get();

      assertThat(seenBeforeCommit).isEmpty();
      assertThat(claimAllOfTenant()).extracting(Event::aggregateId).containsExactly(committed.id().toString());
    } finally {
      writer.shutdownNow();
    }
  }

  @Test
  void unknownTenantIsRefusedAndNothingIsWritten() {
    TenantId unknown = TenantId.random();
    long before = countAllEvents();

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(unknown, "x@example.com", "X")))
        .isInstanceOf(UnknownTenantException.class)
        .hasMessageContaining(unknown.toString());
    assertThat(countAllEvents()).isEqualTo(before);
  }

  @Test
  void duplicateEmailInTenantIsRefusedIgnoringCaseAndNothingIsWritten() {
    createUser.handle(CreateUserCommand.of(tenant.id(), "alan@example.com", "Alan"));

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(tenant.id(), "ALAN@Example.com", "Alan 2")))
        .isInstanceOf(DuplicateEmailException.class)
        .hasMessageContaining("ALAN@example.com");
    assertThat(countUsers(tenant.id())).isOne();
    assertThat(countEvents(tenant.id())).isOne();
  }

  @Test
  void sameEmailInTwoTenantsIsAllowed() {
    Tenant other = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand("other-" + System.nanoTime(), "Other"));

    createUser.handle(CreateUserCommand.of(tenant.id(), "shared@example.com", "One"));
    createUser.handle(CreateUserCommand.of(other.id(), "shared@example.com", "Two"));

    assertThat(countUsers(tenant.id())).isOne();
    assertThat(countUsers(other.id())).isOne();
  }

  @Test
  void invalidEmailIsRefusedBeforeAnyTransaction() {
    assertThatThrownBy(() -> CreateUserCommand.of(tenant.id(), "not-an-email", "Nobody"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("email")
        .hasMessageContaining("not-an-email");
    assertThat(countUsers(tenant.id())).isZero();
  }

  @Test
  void concurrentCreatesWithOneEmailLeaveExactlyOneUserAndOneEvent() throws Exception {
    int racers = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      List<Future<User>> results = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        String name = "Racer " + i;
        Callable<User> race = () -> {
          start.await();
          return createUser.handle(CreateUserCommand.of(tenant.id(), "race@example.com", name));
        };
        results.add(pool.submit(race));
      }
      start.countDown();
      int won = 0;
      int duplicates = 0;
      for (Future<User> result : results) {
        try {
          result.get();
          won++;
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(DuplicateEmailException.class);
          duplicates++;
        }
      }
      assertThat(won).isOne();
      assertThat(duplicates).isEqualTo(racers - 1);
      assertThat(countUsers(tenant.id())).isOne();
      assertThat(countEvents(tenant.id())).isOne();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void duplicateSlugIsRefused() {
    CreateTenant createTenant = new CreateTenant(store.transactions(), clock);

    assertThatThrownBy(() -> createTenant.handle(new CreateTenantCommand(tenant.slug(), "Again")))
        .isInstanceOf(DuplicateSlugException.class)
        .hasMessageContaining(tenant.slug());
  }

  private List<Event> claimAllOfTenant() {
    var claimed = store.outbox().claim("test", 1000, Duration.ofMinutes(1));
    store.outbox().release(claimed);
    return claimed.stream().map(c -> c.event()).filter(e -> e.tenantId().equals(tenant.id())).toList();
  }

  private long countUsers(TenantId tenant) {
    return sql.withHandle(h -> h.createQuery("select count(*) from message_driven.users where tenant_id = :t")
        .bind("t", tenant.value()).mapTo(Long.class).one());
  }

  private long countEvents(TenantId tenant) {
    return sql.withHandle(h -> h.createQuery("select count(*) from message_driven.events where tenant_id = :t")
        .bind("t", tenant.value()).mapTo(Long.class).one());
  }

  private long countAllEvents() {
    return sql.withHandle(h -> h.createQuery("select count(*) from message_driven.events").mapTo(Long.class).one());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
