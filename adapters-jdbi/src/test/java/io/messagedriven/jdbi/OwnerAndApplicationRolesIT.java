package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.operations.Operations;
import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.Failure;
import io.messagedriven.application.port.PublisherHeartbeat;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recommended production setup: an owner role runs the migrations and owns the tables; the
 * application connects as a role that owns nothing and is only a member of the tenancy roles, so
 * no SQL run as the application can turn row-level security off.
 */
class OwnerAndApplicationRolesIT {
  private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  private static final String OWNER = "md_owner_" + SUFFIX;
  private static final String APP = "md_service_" + SUFFIX;
  private static String adminUrl;

  @BeforeAll
  static void rolesAsAnAdministratorSetsThemUp() {
    adminUrl = TestDatabase.freshUrl();
    TestDatabase.createTenancyRoles(adminUrl);
    TestDatabase.execute(adminUrl, "create role " + OWNER + " login");
    TestDatabase.execute(adminUrl, "create role " + APP + " login");
    TestDatabase.execute(adminUrl, "grant message_driven_tenant, message_driven_publisher to " + APP);
    TestDatabase.execute(adminUrl, "grant create on database " + database() + " to " + OWNER);
  }

  @AfterAll
  static void dropRoles() {
    for (String role : List.of(APP, OWNER)) {
      TestDatabase.execute(adminUrl, "reassign owned by " + role + " to current_user");
      TestDatabase.execute(adminUrl, "drop owned by " + role);
      TestDatabase.execute(adminUrl, "drop role " + role);
    }
  }

  @Test
  void theOwnerMigratesAndTheApplicationThatOwnsNothingServesAndPublishes() {
    String ownerLog = stderrOf(() -> {
      try (PostgresStore owner = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(OWNER)).build()) {
        return null;
      }
    });
    assertThat(ownerLog).as("the store warns when it connects as the tables' owner")
        .contains("owns the outbox's tables");

    String[] appLog = new String[1];
    appLog[0] = stderrOf(() -> {
      try (PostgresStore app = PostgresStore.builder().jdbcUrl(as(APP)).migrate(false).build()) {
        Clock clock = Clock.systemUTC();
        Tenant acme = new CreateTenant(app.transactions(), clock).handle(new CreateTenantCommand("acme", "Acme"));
        new CreateUser(app.transactions(), new PostgresUsers(), clock)
            .handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada"));
        List<ClaimedEvent> claimed = app.outbox().claim("app", 10, Duration.ofMinutes(1));
        assertThat(claimed).singleElement().satisfies(c -> assertThat(c.event().tenantId()).isEqualTo(acme.id()));
        assertThat(app.outbox().markPublished(claimed)).hasSize(1);
        return null;
      }
    });
    assertThat(appLog[0]).doesNotContain("owns the outbox's tables").doesNotContain("is a superuser");
  }

  @Test
  void theApplicationRoleThatOwnsNothingOperatesTheOutbox() {
    try (PostgresStore ignored = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(OWNER)).build();
        PostgresStore app = PostgresStore.builder().jdbcUrl(as(APP)).migrate(false).build()) {
      Operations operations = new Operations(app.operations());
      Tenant globex = new CreateTenant(app.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand("globex", "G"));
      new CreateUser(app.transactions(), new PostgresUsers(), Clock.systemUTC())
          .handle(CreateUserCommand.of(globex.id(), "grace@example.com", "Grace"));
      ClaimedEvent claimed = app.outbox().claim("app", 10, Duration.ofMinutes(1)).get(0);
      app.outbox().markFailed(claimed, Failure.of(new IllegalStateException("user 7 not found")));
      app.outbox().heartbeat(new PublisherHeartbeat("app", "host", java.time.Instant.now(), 0));

      assertThat(operations.status(null).failed()).isEqualTo(1);
      assertThat(operations.failures(null, 5)).singleElement().extracting(c -> c.message()).isEqualTo("user ? not found");
      assertThat(operations.pause(globex.id(), "test")).isTrue();
      assertThat(operations.resume(globex.id())).isTrue();
      assertThat(operations.requeue(claimed.event().id()).changed()).isOne();
      assertThat(operations.publishers()).singleElement().extracting(p -> p.publisher().owner()).isEqualTo("app");
      assertThat(operations.delete(claimed.event().id()).changed()).as("and leaves the outbox as it found it").isOne();
    }
  }

  @Test
  void theApplicationRoleCannotTurnRowLevelSecurityOff() {
    try (PostgresStore ignored = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(as(OWNER)).build()) {
      Jdbi app = Jdbi.create(as(APP));
      for (String table : List.of("events", "tenants", "users")) {
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("alter table message_driven." + table
                + " no force row level security")))
            .hasMessageContaining("must be owner");
      }
    }
  }

  private static String stderrOf(Supplier<Object> work) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.get();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  private static String as(String role) {
    return adminUrl.replaceFirst("user=[^&]*", "user=" + role);
  }

  private static String database() {
    String path = adminUrl.substring(adminUrl.indexOf('/', adminUrl.indexOf("//") + 2) + 1);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
