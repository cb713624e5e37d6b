package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * What fails underneath reaches callers as the library's own {@link StoreException}, saying what
 * failed, never as a Jdbi, HikariCP or driver type.
 */
class StoreFailuresIT {

  @Test
  void aDatabaseThatIsDownIsAStoreErrorSayingSo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + closedPort + "/app?user=app&connectTimeout=2";

    assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).build())
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("down, unreachable");
  }

  @Test
  void aUrlTheDriverCannotParseIsABadSettingNamingIt() {
    assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:notaport/app?password=secret").build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbcUrl is not a URL the PostgreSQL driver accepts")
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("secret");
  }

  @Test
  void anUnknownDatabaseIsAStoreErrorSayingSo() {
    String url = TestDatabase.freshUrl().replaceFirst("/md_test_[0-9a-f]+", "/no_such_database");

    assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).build())
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the database does not exist");
  }

  @Test
  void anUnknownRoleIsAStoreErrorSayingSo() {
    String url = TestDatabase.freshUrl().replaceFirst("user=[^&]+", "user=no_such_role");

    assertThatThrownBy(() -> PostgresStore.builder().jdbcUrl(url).build())
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the role does not exist");
  }

  @Test
  void aConnectionLostMidTransactionIsAStoreErrorAndNothingIsWritten() {
    String url = TestDatabase.freshUrl();
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).build()) {
      Jdbi admin = Jdbi.create(url);
      assertThatThrownBy(() -> store.transactions().inTenant(TenantId.DEFAULT, tx -> {
        int pid = admin.withHandle(h -> h.select("select pid from pg_stat_activity where datname = current_database() "
            + "and state = 'idle in transaction' and pid <> pg_backend_pid()").mapTo(Integer.class).findFirst().orElseThrow());
        admin.useHandle(h -> h.select("select pg_terminate_backend(?)", pid).mapTo(Boolean.class).one());
        tx.outbox().append(Event.raise("Order", "o-1", "Order.placed", "{}", Instant.now()));
        return null;
      }))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining("terminated the connection");
      int events = admin.withHandle(h -> h.select("select count(*) from message_driven.events").mapTo(Integer.class).one());
      assertThat(events).isZero();
      new CreateTenant(store.transactions(), Clock.systemUTC()).handle(new CreateTenantCommand("after", "After"));
    }
  }

  @Test
  void aDatabaseWhoseTransactionsAreReadOnlyIsAStoreErrorSayingSo() {
    String url = TestDatabase.freshUrl();
    try (PostgresStore store = PostgresStore.builder().jdbcUrl(url).build()) {
      String database = url.replaceFirst(".*/([^/?]+)\\?.*", "$1");
      TestDatabase.execute(url, "alter database " + database + " set default_transaction_read_only = on");
      try (PostgresStore readOnly = PostgresStore.builder().jdbcUrl(url).migrate(false).build()) {
        assertThatThrownBy(() -> new CreateTenant(readOnly.transactions(), Clock.systemUTC())
                .handle(new CreateTenantCommand("ro", "Read only")))
            .isExactlyInstanceOf(StoreException.class)
            .hasMessageContaining("read-only");
      } finally {
        TestDatabase.execute(url, "begin read write; alter database " + database + " reset default_transaction_read_only; commit");
      }
    }
  }

  @Test
  void aClosedStoreIsAStoreErrorSayingSo() {
    PostgresStore store = TestDatabase.freshStore();
    store.close();

    assertThatThrownBy(() -> new CreateTenant(store.transactions(), Clock.systemUTC())
            .handle(new CreateTenantCommand("late", "Late")))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the store is closed");
    assertThatThrownBy(() -> store.outbox().claim("p", 10, Duration.ofMinutes(1)))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the store is closed");
    assertThatThrownBy(() -> store.outbox().claimAppended("p", List.of(EventId.random()), Duration.ofMinutes(1)))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the store is closed");
    ClaimedEvent claimed = new ClaimedEvent(Event.raise(TenantId.random(), "User", "u-1", "User.created", "{}",
        Instant.now()).withSequence(1), 1, UUID.randomUUID(), Set.of());
    assertThatThrownBy(() -> store.outbox().markPublished(List.of(claimed)))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("the store is closed");
  }
}
