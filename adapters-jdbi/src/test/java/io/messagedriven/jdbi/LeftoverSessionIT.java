package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one tenant's SQL leaves on a pooled connection (a pool of one, so the next tenant gets
 * that very connection) redirects nothing of the next tenant's: every statement of the library
 * names its schema.
 */
class LeftoverSessionIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private String url;
  private PostgresStore store;
  private Tenant first;
  private Tenant second;

  @BeforeEach
  void aStoreWithOneConnection() {
    url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).maximumPoolSize(1).build();
    CreateTenant createTenant = new CreateTenant(store.transactions(), CLOCK);
    first = createTenant.handle(new CreateTenantCommand("first", "First"));
    second = createTenant.handle(new CreateTenantCommand("second", "Second"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void temporaryTablesNamedLikeTheLibrarysCaptureNothingOfTheNextTenant() {
    store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx),
        "create temporary table tenants (id uuid, slug text, name text, created_at timestamptz)",
        "create temporary table users (id uuid, tenant_id uuid, email text, name text, created_at timestamptz, email_lower text)",
        "create temporary table events (id uuid, tenant_id uuid, aggregate_type text, aggregate_id text, name text, "
            + "payload json, headers json, occurred_at timestamptz)"));

    theNextTenantsWritesLandInTheLibrarysTables();
  }

  @Test
  void aSearchPathChangedForTheSessionRedirectsNothing() {
    store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx),
        "create temporary table events (id uuid, tenant_id uuid, aggregate_type text, aggregate_id text, name text, "
            + "payload json, headers json, occurred_at timestamptz)",
        "set session search_path = pg_temp, public"));

    theNextTenantsWritesLandInTheLibrarysTables();
  }

  @Test
  void aSessionRoleAndTenantLeftByOneTenantNarrowNeitherTheNextTenantNorThePublisher() {
    store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx),
        "set session role message_driven_tenant",
        "select set_config('message_driven.tenant_id', '" + first.id() + "', false)"));

    theNextTenantsWritesLandInTheLibrarysTables();
  }

  @Test
  void aSessionAuthorizationLeftByOneTenantDoesNotBlindThePublisher() {
    store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx),
        "set session authorization message_driven_tenant"));

    theNextTenantsWritesLandInTheLibrarysTables();
  }

  @Test
  void aSessionLeftReadOnlyDoesNotFailTheNextTenant() {
    store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx),
        "set session default_transaction_read_only = on"));

    theNextTenantsWritesLandInTheLibrarysTables();
  }

  @Test
  void onAPoolOfTheApplicationsSharedByTenantWorkAndThePublisherNothingIsLeftEither() throws SQLException {
    store.close();
    com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(1);
    try (com.zaxxer.hikari.HikariDataSource shared = new com.zaxxer.hikari.HikariDataSource(config)) {
      store = PostgresStore.builder().dataSource(shared).migrate(false).build();
      for (String leftover : List.of("set session role message_driven_tenant",
          "select set_config('message_driven.tenant_id', '" + first.id() + "', false)",
          "set session authorization message_driven_tenant",
          "set session default_transaction_read_only = on",
          "set session search_path = pg_temp")) {
        store.transactions().inTenant(first.id(), tx -> run(PostgresStore.connection(tx), leftover));
      }
      try (Connection outsideTheStore = shared.getConnection()) { // the application itself, not through the store
        run(outsideTheStore, "set session default_transaction_read_only = on", "set session role message_driven_tenant");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      theNextTenantsWritesLandInTheLibrarysTables();
      try (Connection connection = shared.getConnection(); Statement statement = connection.createStatement();
          java.sql.ResultSet session = statement.executeQuery("select session_user = current_user, current_setting('role'), "
              + "current_setting('default_transaction_read_only'), current_setting('search_path')")) {
        session.next();
        assertThat(List.of(session.getBoolean(1), session.getString(2), session.getString(3), session.getString(4)))
            .as("what the application's pool gets back")
            .containsExactly(true, "none", "off", "\"$user\", public");
      }
    }
  }

  private void theNextTenantsWritesLandInTheLibrarysTables() {
    new CreateUser(store.transactions(), new PostgresUsers(), CLOCK)
        .handle(CreateUserCommand.of(second.id(), "ada@example.com", "Ada"));
    store.transactions().inTenant(second.id(), tx -> {
      tx.outbox().append(Event.raise(second.id(), "Order", "o-1", "Order.placed", "{}", CLOCK.instant()));
      return null;
    });

    Jdbi admin = Jdbi.create(url);
    int users = admin.withHandle(h -> h.select("select count(*) from message_driven.users where tenant_id = ?",
        second.id().value()).mapTo(Integer.class).one());
    assertThat(users).isEqualTo(1);
    List<ClaimedEvent> claimed = store.outbox().claim("test", 10, Duration.ofMinutes(1));
    assertThat(claimed).extracting(c -> c.event().name()).containsExactlyInAnyOrder("User.created", "Order.placed");
    assertThat(store.outbox().markPublished(claimed)).hasSize(2);
  }

  private static Object run(Connection connection, String... statements) {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
      return null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
