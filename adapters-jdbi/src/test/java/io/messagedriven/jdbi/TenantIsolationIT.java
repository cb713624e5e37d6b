package io.messagedriven.jdbi;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.testing.TestDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hand-written SQL inside the store's transactions: PostgreSQL's row-level security keeps each
 * tenant to its own rows, although every connection of this test logs in as a superuser.
 */
class TenantIsolationIT {
  private static final String RLS_REFUSED = "42501";
  private static String url;
  private static PostgresStore store;
  private static Jdbi admin;
  private static RawSql raw;
  private final Clock clock = Clock.systemUTC();
  private Tenant a;
  private Tenant b;

  @BeforeAll
  static void startStore() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    admin = Jdbi.create(url);
    raw = new RawSql(store);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void twoTenantsWithTwoUsersEach() {
    a = tenantWithUsers("a");
    b = tenantWithUsers("b");
  }

  @Test
  void selectSeesOnlyTheTenantsOwnRows() {
    assertThat(raw.uuids(a.id(), "select tenant_id from message_driven.users"))
        .hasSize(2).containsOnly(a.id().value());
    assertThat(raw.uuids(a.id(), "select tenant_id from message_driven.events"))
        .hasSize(2).containsOnly(a.id().value());
    assertThat(raw.uuids(a.id(), "select id from message_driven.tenants")).containsExactly(a.id().value());
  }

  @Test
  void updateChangesOnlyTheTenantsOwnRows() {
    int users = raw.update(a.id(), "update message_driven.users set name = 'renamed'");
    int events = raw.update(a.id(), "update message_driven.events set attempts = 7");
    int tenants = raw.update(a.id(), "update message_driven.tenants set name = 'renamed'");

    assertThat(users).isEqualTo(2);
    assertThat(events).isEqualTo(2);
    assertThat(tenants).isOne();
    assertThat(adminCount("select count(*) from message_driven.users where tenant_id = ? and name = 'renamed'", b)).isZero();
    assertThat(adminCount("select count(*) from message_driven.events where tenant_id = ? and attempts = 7", b)).isZero();
    assertThat(adminCount("select count(*) from message_driven.tenants where id = ? and name = 'renamed'", b)).isZero();
  }

  @Test
  void deleteRemovesOnlyTheTenantsOwnRows() {
    int events = raw.update(a.id(), "delete from message_driven.events");
    int users = raw.update(a.id(), "delete from message_driven.users");

    assertThat(events).isEqualTo(2);
    assertThat(users).isEqualTo(2);
    assertThat(adminCount("select count(*) from message_driven.users where tenant_id = ?", b)).isEqualTo(2);
    assertThat(adminCount("select count(*) from message_driven.events where tenant_id = ?", b)).isEqualTo(2);
  }

  @Test
  void insertWithAnotherTenantsIdIsRefused() {
    assertRefused(a.id(), "insert into message_driven.users (id, tenant_id, email, name, created_at) "
        + "values (gen_random_uuid(), ?, 'intruder@example.com', 'Intruder', now())", b.id().value());
    assertRefused(a.id(), "insert into message_driven.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at) "
        + "values (gen_random_uuid(), ?, 'User', 'x', 'User.created', '{}', now())", b.id().value());

    assertThat(adminCount("select count(*) from message_driven.users where tenant_id = ?", b)).isEqualTo(2);
    assertThat(adminCount("select count(*) from message_driven.events where tenant_id = ?", b)).isEqualTo(2);
  }

  @Test
  void rowsCannotBeMovedToAnotherTenant() {
    assertRefused(a.id(), "update message_driven.users set tenant_id = ?", b.id().value());
    assertRefused(a.id(), "update message_driven.events set tenant_id = ?", b.id().value());

    assertThat(adminCount("select count(*) from message_driven.users where tenant_id = ?", a)).isEqualTo(2);
  }

  @Test
  void aTenantCannotCreateOrChangeOtherTenants() {
    assertRefused(a.id(), "insert into message_driven.tenants (id, slug, name, created_at) values (gen_random_uuid(), ?, 'Sneaky', now())",
        "sneaky-" + System.nanoTime());
    assertThat(raw.update(a.id(), "update message_driven.tenants set name = 'x' where id = ?", b.id().value())).isZero();
  }

  @Test
  void withNoTenantSetNoUserOrEventIsVisibleOrWritable() {
    assertThat(raw.uuids(null, "select id from message_driven.users")).isEmpty();
    assertThat(raw.uuids(null, "select id from message_driven.events")).isEmpty();
    assertThat(raw.update(null, "update message_driven.users set name = 'x'")).isZero();
    assertThat(raw.update(null, "delete from message_driven.events")).isZero();
    assertRefused(null, "insert into message_driven.users (id, tenant_id, email, name, created_at) "
        + "values (gen_random_uuid(), ?, 'nobody@example.com', 'Nobody', now())", a.id().value());

    assertThat(raw.uuids(null, "select id from message_driven.tenants"))
        .as("the tenant directory stays readable").contains(a.id().value(), b.id().value());
  }

  @Test
  void transactionsRunAsTheTenantRoleAlthoughTheConnectionIsASuperuser() {
    List<String> who = raw.strings(a.id(),
        "select current_user || ' ' || current_setting('message_driven.tenant_id') || ' ' || s.rolsuper "
            + "from pg_roles s where s.rolname = session_user");

    assertThat(who).containsExactly(Migrations.TENANT_ROLE + " " + a.id() + " true");
  }

  @Test
  void theTenantAndRoleEndWithTheTransaction() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    try (HikariDataSource oneConnection = new HikariDataSource(config);
        PostgresStore sameConnection = PostgresStore.builder().dataSource(oneConnection).migrate(false).build()) {
      RawSql sql = new RawSql(sameConnection);
      sql.inTenant(a.id(), tx -> tx.update("update message_driven.users set name = name"));
      assertThatThrownBy(() -> sql.inTenant(b.id(), tx -> {
        throw new IllegalStateException("rolled back");
      })).hasMessage("rolled back");

      try (Connection connection = oneConnection.getConnection();
          ResultSet after = connection.createStatement().executeQuery(
              "select current_user, coalesce(current_setting('message_driven.tenant_id', true), '')")) {
        after.next();
        assertThat(after.getString(1)).isEqualTo("postgres");
        assertThat(after.getString(2)).isEmpty();
      }
    }
  }

  @Test
  void thePublisherStillDrainsEveryTenant() {
    Tenant c = tenantWithUsers("c");
    Set<UUID> drained = new HashSet<>();
    for (List<ClaimedEvent> batch = claim(); !batch.isEmpty(); batch = claim()) {
      batch.forEach(event -> drained.add(event.event().tenantId().value()));
      assertThat(store.outbox().markPublished(batch)).hasSize(batch.size());
    }

    assertThat(drained).contains(a.id().value(), b.id().value(), c.id().value());
    long unpublished = admin.withHandle(h -> h.createQuery("select count(*) from message_driven.events where published_at is null")
        .mapTo(Long.class).one());
    assertThat(unpublished).isZero();
  }

  private List<ClaimedEvent> claim() {
    return store.outbox().claim("isolation-test", 3, Duration.ofMinutes(1));
  }

  private void assertRefused(TenantId tenant, String statement, Object... values) {
    assertThatThrownBy(() -> raw.update(tenant, statement, values)).hasRootCauseInstanceOf(SQLException.class)
        .rootCause().satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(RLS_REFUSED))
        .hasMessageContaining("row-level security");
  }

  private long adminCount(String query, Tenant tenant) {
    return admin.withHandle(h -> h.select(query, tenant.id().value()).mapTo(Long.class).one());
  }

  private Tenant tenantWithUsers(String prefix) {
    Tenant tenant = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand(prefix + "-" + System.nanoTime(), "Tenant " + prefix));
    CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
    createUser.handle(CreateUserCommand.of(tenant.id(), "one@example.com", "One"));
    createUser.handle(CreateUserCommand.of(tenant.id(), "two@example.com", "Two"));
    return tenant;
  }
}
