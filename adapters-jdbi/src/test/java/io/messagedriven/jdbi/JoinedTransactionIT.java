package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.NoTransactionException;
import io.messagedriven.application.port.OutboxSignals;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.UnknownTenantException;
import io.messagedriven.domain.user.DuplicateEmailException;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Appending in a transaction the application opened itself, with plain JDBC and with Jdbi, on a
 * table of the application's own: the outbox commits and rolls back with it, publishers never see
 * an event before the commit, and the caller's transaction keeps its role, settings and search
 * path. The application's pool has one connection, so what the outbox leaves on it would show.
 */
class JoinedTransactionIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static HikariDataSource appPool;
  private static PostgresStore store;
  private static Jdbi appJdbi;
  private Tenant tenant;

  @BeforeAll
  static void start() {
    String url = TestDatabase.freshUrl();
    TestDatabase.execute(url, "create table public.orders (id text primary key, total int not null)");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    appPool = new HikariDataSource(config);
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    appJdbi = Jdbi.create(appPool);
  }

  @AfterAll
  static void stop() {
    store.close();
    appPool.close();
  }

  @BeforeEach
  void aTenantAndNothingPending() {
    tenant = new CreateTenant(store.transactions(), CLOCK)
        .handle(new CreateTenantCommand("t-" + UUID.randomUUID().toString().substring(0, 8), "T"));
    drain();
  }

  @Test
  void jdbcCommitWritesTheCallersRowAndTheEventTogether() throws SQLException {
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      insertOrder(connection, order);
      store.append(connection, placed(order));
      connection.commit();
    }

    assertThat(orderExists(order)).isTrue();
    assertThat(claimedAggregates()).containsExactly(order);
  }

  @Test
  void jdbcRollbackLeavesNeitherAndNoPublisherEverSeesTheEvent() throws SQLException {
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      insertOrder(connection, order);
      store.append(connection, placed(order));
      assertThat(claimedAggregates()).as("before the rollback").isEmpty();
      connection.rollback();
    }

    assertThat(orderExists(order)).isFalse();
    assertThat(eventsOfAggregate(order)).isZero();
    assertThat(claimedAggregates()).isEmpty();
  }

  @Test
  void noPublisherSeesAnAppendedEventBeforeTheCallerCommits() throws SQLException {
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      store.append(connection, placed(order));
      assertThat(claimedAggregates()).isEmpty();
      connection.commit();
    }
    assertThat(claimedAggregates()).containsExactly(order);
  }

  @Test
  void theCallersTransactionKeepsItsRoleSettingsAndSearchPath() throws SQLException {
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("set local search_path = public, pg_temp");
        statement.execute("set local statement_timeout = '7s'");
      }
      Map<String, String> before = session(connection);

      store.append(connection, placed(newId()));
      new CreateUser(store.joining(connection), new PostgresUsers(), CLOCK)
          .handle(CreateUserCommand.of(tenant.id(), newId() + "@example.com", "Ada"));

      assertThat(session(connection)).isEqualTo(before);
      // the caller's own statements still run as the caller, outside any tenant scope
      insertOrder(connection, newId());
      connection.commit();
    }
  }

  @Test
  void anAppendOnAnAutocommitConnectionIsRefusedAndWritesNothing() throws SQLException {
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(true);
      assertThatThrownBy(() -> store.append(connection, placed(order)))
          .isInstanceOf(NoTransactionException.class)
          .hasMessageContaining("autocommit");
    }
    assertThat(eventsOfAggregate(order)).isZero();
  }

  @Test
  void aUseCaseRunsInTheCallersTransactionAndRollsBackWithIt() throws SQLException {
    String email = newId() + "@example.com";
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      new CreateUser(store.joining(connection), new PostgresUsers(), CLOCK)
          .handle(CreateUserCommand.of(tenant.id(), email, "Ada"));
      connection.rollback();
    }
    assertThat(countUsers(email)).isZero();
    assertThat(claimedAggregates()).isEmpty();
  }

  @Test
  void aRefusedUseCaseLeavesTheCallersTransactionUsable() throws SQLException {
    String email = newId() + "@example.com";
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      CreateUser createUser = new CreateUser(store.joining(connection), new PostgresUsers(), CLOCK);
      createUser.handle(CreateUserCommand.of(tenant.id(), email, "Ada"));
      assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(tenant.id(), email.toUpperCase(), "Ada")))
          .isInstanceOf(DuplicateEmailException.class);
      assertThatThrownBy(() -> store.append(connection, Event.raise(TenantId.random(), "Order", order, "Order.placed",
              "{}", CLOCK.instant())))
          .isInstanceOf(UnknownTenantException.class);
      insertOrder(connection, order);
      connection.commit();
    }
    assertThat(countUsers(email)).isEqualTo(1);
    assertThat(orderExists(order)).isTrue();
    assertThat(eventsOfAggregate(order)).isZero();
  }

  @Test
  void jdbiCommitWritesTheCallersRowAndTheEventTogether() {
    String order = newId();
    appJdbi.useTransaction(handle -> {
      handle.execute("insert into public.orders (id, total) values (?, 42)", order);
      store.append(handle, placed(order));
    });
    assertThat(orderExists(order)).isTrue();
    assertThat(claimedAggregates()).containsExactly(order);
  }

  @Test
  void jdbiRollbackLeavesNeither() {
    String order = newId();
    assertThatThrownBy(() -> appJdbi.useTransaction(handle -> {
      handle.execute("insert into public.orders (id, total) values (?, 42)", order);
      store.append(handle, placed(order));
      throw new IllegalStateException("the service changed its mind");
    })).hasMessage("the service changed its mind");
    assertThat(orderExists(order)).isFalse();
    assertThat(eventsOfAggregate(order)).isZero();
    assertThat(claimedAggregates()).isEmpty();
  }

  @Test
  void aJdbiHandleOutsideATransactionIsRefused() {
    String order = newId();
    try (Handle handle = appJdbi.open()) {
      assertThatThrownBy(() -> store.append(handle, placed(order))).isInstanceOf(NoTransactionException.class);
    }
    assertThat(eventsOfAggregate(order)).isZero();
  }

  @Test
  void publishersAreWokenAfterTheCallersCommitAndNotAfterARollback() throws Exception {
    AtomicInteger signals = new AtomicInteger();
    try (OutboxSignals.Subscription ignored = store.signals().subscribe(signals::incrementAndGet)) {
      Thread.sleep(500); // the listener's first (catch-up) signal
      int settled = signals.get();
      assertThatThrownBy(() -> appJdbi.useTransaction(handle -> {
        store.append(handle, placed(newId()));
        throw new IllegalStateException("rolled back");
      }));
      appJdbi.useTransaction(handle -> {
        store.append(handle, placed(newId()));
        Thread.sleep(300);
        assertThat(signals.get()).as("before the commit").isEqualTo(settled);
      });
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (signals.get() == settled && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(signals.get()).as("after the commit").isGreaterThan(settled);
    }
  }

  @Test
  void aServiceWithoutTenantsAppendsToTheDefaultTenant() throws SQLException {
    String order = newId();
    try (Connection connection = appPool.getConnection()) {
      connection.setAutoCommit(false);
      store.append(connection, Event.raise("Order", order, "Order.placed", "{\"total\":42}", CLOCK.instant()));
      connection.commit();
    }
    List<ClaimedEvent> claimed = store.outbox().claim("test", 100, Duration.ofMinutes(1));
    assertThat(claimed).singleElement().satisfies(c -> assertThat(c.event().tenantId()).isEqualTo(TenantId.DEFAULT));
    store.outbox().markPublished(claimed);
  }

  /**
   * What the caller's transaction would see of its session. Left out: the parameters of PL/pgSQL,
   * which appear (at their defaults) once the outbox's trigger first loads that library.
   */
  private static Map<String, String> session(Connection connection) throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "select 'current_user', current_user::text union all select 'session_user', session_user::text "
                + "union all select 'role', current_setting('role') "
                + "union all select 'tenant', coalesce(current_setting('message_driven.tenant_id', true), '') "
                + "union all select 'directory', coalesce(current_setting('message_driven.directory', true), '') "
                + "union all select name, setting from pg_settings where name not like 'message_driven.%' and name not like 'plpgsql.%'")) {
      while (rows.next()) {
        settings.put(rows.getString(1), rows.getString(2));
      }
    }
    return settings;
  }

  private Event placed(String order) {
    return Event.raise(tenant.id(), "Order", order, "Order.placed", "{\"total\":42}", CLOCK.instant());
  }

  private static String newId() {
    return UUID.randomUUID().toString().substring(0, 12);
  }

  private static void insertOrder(Connection connection, String order) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("insert into public.orders (id, total) values ('" + order + "', 42)");
    }
  }

  private static boolean orderExists(String order) {
    return appJdbi.withHandle(h -> h.select("select count(*) from public.orders where id = ?", order).mapTo(Integer.class).one()) == 1;
  }

  private static int eventsOfAggregate(String aggregate) {
    return appJdbi.withHandle(h -> h.select("select count(*) from message_driven.events where aggregate_id = ?", aggregate)
        .mapTo(Integer.class).one());
  }

  private static int countUsers(String email) {
    return appJdbi.withHandle(h -> h.select("select count(*) from message_driven.users where email_lower = lower(?)", email)
        .mapTo(Integer.class).one());
  }

  /** What a publisher would claim now, as aggregate ids, acknowledged at once. */
  private static List<String> claimedAggregates() {
    List<ClaimedEvent> claimed = store.outbox().claim("test", 100, Duration.ofMinutes(1));
    store.outbox().markPublished(claimed);
    return claimed.stream().map(c -> c.event().aggregateId()).toList();
  }

  private static void drain() {
    while (!claimedAggregates().isEmpty()) {
      // publish whatever earlier tests left
    }
  }
}
