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
import io.messagedriven.jdbi.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The setup the README describes for production: an administrator creates the tenancy roles and
 * an ordinary login role (no superuser, no CREATEROLE, no BYPASSRLS) that owns the database; the
 * application connects as that role and runs the migrations itself.
 */
class OrdinaryRoleTenancyIT {
  private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  /** Owns the database, runs the migrations, member of both tenancy roles. */
  private static final String APP = "md_app_" + SUFFIX;
  /** Member of the tenant role only: may serve requests, may not publish. */
  private static final String WEB = "md_web_" + SUFFIX;
  /** Bypasses row-level security and may not switch to the tenant role. */
  private static final String BYPASS = "md_bypass_" + SUFFIX;

  private static String adminUrl;
  private static PostgresStore store;
  private final Clock clock = Clock.systemUTC();

  @BeforeAll
  static void setUpRolesAsAnAdministratorWould() {
    adminUrl = TestDatabase.freshUrl();
    TestDatabase.createTenancyRoles(adminUrl);
    TestDatabase.execute(adminUrl, "create role " + APP + " login");
    TestDatabase.execute(adminUrl, "create role " + WEB + " login");
    TestDatabase.execute(adminUrl, "create role " + BYPASS + " login bypassrls");
    TestDatabase.execute(adminUrl, "grant message_driven_tenant, message_driven_publisher to " + APP);
    TestDatabase.execute(adminUrl, "grant message_driven_tenant to " + WEB);
    TestDatabase.execute(adminUrl, "alter database " + database(adminUrl) + " owner to " + APP);
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(APP)).build();
  }

  @AfterAll
  static void dropRoles() {
    if (store != null) {
      store.close();
    }
    for (String role : List.of(APP, WEB, BYPASS)) {
      TestDatabase.execute(adminUrl, "reassign owned by " + role + " to current_user");
      TestDatabase.execute(adminUrl, "drop owned by " + role);
      TestDatabase.execute(adminUrl, "drop role " + role);
    }
  }

  @Test
  void migrationsByTheOwnerForceRowLevelSecurityOnItsOwnTables() {
    List<String> tables = Jdbi.create(adminUrl).withHandle(h -> h.createQuery(
            "select relname from pg_class where relname in ('tenants', 'users', 'events') "
                + "and relrowsecurity and relforcerowsecurity and pg_get_userbyid(relowner) = :app order by relname")
        .bind("app", APP).mapTo(String.class).list());

    assertThat(tables).containsExactly("events", "tenants", "users");
  }

  @Test
  void tenantTransactionsOfTheOwnerSeeOnlyTheirTenant() {
    Tenant a = tenantWithUser("a");
    Tenant b = tenantWithUser("b");
    RawSql raw = new RawSql(store);

    assertThat(raw.uuids(a.id(), "select tenant_id from message_driven.users")).containsExactly(a.id().value());
    assertThat(raw.uuids(a.id(), "select tenant_id from message_driven.events")).containsExactly(a.id().value());
    assertThat(raw.uuids(null, "select id from message_driven.users")).isEmpty();
    assertThatThrownBy(() -> raw.update(a.id(), "update message_driven.users set tenant_id = ?", b.id().value()))
        .hasRootCauseInstanceOf(SQLException.class).hasMessageContaining("row-level security");
  }

  @Test
  void outsideTheLibrarysTransactionsTheOwnerSeesNoUserButEveryEvent() {
    tenantWithUser("c");
    Jdbi app = Jdbi.create(as(APP));

    long users = app.withHandle(h -> h.createQuery("select count(*) from message_driven.users").mapTo(Long.class).one());
    long events = app.withHandle(h -> h.createQuery("select count(*) from message_driven.events").mapTo(Long.class).one());

    assertThat(users).as("FORCE binds the owner too").isZero();
    assertThat(events).as("the owner is a publisher").isPositive();
  }

  @Test
  void aPublisherRoleSeesNoTenantsEventsInATransactionWithoutATenant() {
    tenantWithUser("g");

    assertThat(new RawSql(store).uuids(null, "select id from message_driven.events"))
        .as("withoutTenant is the tenant directory, also for a member of message_driven_publisher").isEmpty();
  }

  @Test
  void thePublisherDrainsEveryTenant() {
    Tenant d = tenantWithUser("d");
    Tenant e = tenantWithUser("e");
    Set<UUID> drained = new HashSet<>();
    for (List<ClaimedEvent> batch = claim(); !batch.isEmpty(); batch = claim()) {
      batch.forEach(event -> drained.add(event.event().tenantId().value()));
      store.outbox().markPublished(batch);
    }

    assertThat(drained).contains(d.id().value(), e.id().value());
  }

  @Test
  void aRoleThatMayNotPublishServesTenantsButGetsNoOutbox() {
    try (PostgresStore web = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(WEB)).migrate(false).build()) {
      Tenant f = new CreateTenant(web.transactions(), clock).handle(new CreateTenantCommand(slug("f"), "F"));
      new CreateUser(web.transactions(), new PostgresUsers(), clock).handle(CreateUserCommand.of(f.id(), "web@example.com", "Web"));

      assertThat(new RawSql(web).uuids(f.id(), "select tenant_id from message_driven.users")).containsExactly(f.id().value());
      assertThatThrownBy(web::outbox)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(WEB)
          .hasMessageContaining("grant message_driven_publisher");
    }
  }

  @Test
  void aRoleThatBypassesRowLevelSecurityAndCannotSwitchIsRefused() {
    assertThatThrownBy(() -> PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(BYPASS)).migrate(false).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(BYPASS)
        .hasMessageContaining("bypasses row-level security");
  }

  private List<ClaimedEvent> claim() {
    return store.outbox().claim("ordinary-role-test", 5, Duration.ofMinutes(1));
  }

  private Tenant tenantWithUser(String prefix) {
    Tenant tenant = new CreateTenant(store.transactions(), clock).handle(new CreateTenantCommand(slug(prefix), prefix));
    new CreateUser(store.transactions(), new PostgresUsers(), clock).handle(CreateUserCommand.of(tenant.id(), "user@example.com", "User"));
    return tenant;
  }

  private static String slug(String prefix) {
    return prefix + "-" + System.nanoTime();
  }

  private static String as(String role) {
    return adminUrl.replaceFirst("user=[^&]*", "user=" + role);
  }

  private static String database(String url) {
    String path = url.substring(url.indexOf('/', url.indexOf("//") + 2) + 1);
    int query = path.indexOf('?');
    return (query < 0 ? path : path.substring(0, query)).toLowerCase(Locale.ROOT);
  }
}
