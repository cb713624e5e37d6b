package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Every object of the library lives in its own schema, whose name is a setting. */
class SchemaIT {
  private static final Clock CLOCK = Clock.systemUTC();

  @Test
  void migratingAnEmptyDatabaseCreatesNothingOutsideTheLibrarysSchema() {
    String url = TestDatabase.freshUrl();
    try (PostgresStore ignored = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build()) {
      Jdbi admin = Jdbi.create(url);
      assertThat(objectsOutside(admin, "message_driven")).isEmpty();
      assertThat(relations(admin, "message_driven"))
          .contains("tenants", "users", "events", "events_unfinished", "databasechangelog")
          .as("the migration lock is an advisory lock, not a table").doesNotContain("databasechangeloglock");
    }
  }

  @Test
  void aSchemaOfItsOwnChoiceHoldsEverythingAndTheStoreWorksInIt() {
    String url = TestDatabase.freshUrl();
    try (PostgresStore store = PostgresStore.builder().schema("outbox_of_orders")
        .changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build()) {
      Jdbi admin = Jdbi.create(url);
      assertThat(objectsOutside(admin, "outbox_of_orders")).isEmpty();
      assertThat(relations(admin, "message_driven")).isEmpty();

      Tenant acme = new CreateTenant(store.transactions(), CLOCK).handle(new CreateTenantCommand("acme", "Acme"));
      new CreateUser(store.transactions(), new PostgresUsers(), CLOCK)
          .handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada"));
      List<ClaimedEvent> claimed = store.outbox().claim("test", 10, Duration.ofMinutes(1));
      assertThat(claimed).singleElement().satisfies(c -> assertThat(c.event().name()).isEqualTo("User.created"));
      assertThat(store.outbox().markPublished(claimed)).hasSize(1);
      assertThat(store.schema()).isEqualTo("outbox_of_orders");
    }
  }

  /** Tables, indexes, sequences, views, functions and policies of any schema but {@code schema} and the system's. */
  static List<String> objectsOutside(Jdbi admin, String schema) {
    return admin.withHandle(h -> h.createQuery(
            """
            select 'relation ' || n.nspname || '.' || c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname not in (:schema, 'pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like 'pg_temp%'
              and n.nspname not like 'pg_toast_temp%'
            union all
            select 'function ' || n.nspname || '.' || p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
            where n.nspname not in (:schema, 'pg_catalog', 'information_schema')
            union all
            select 'policy ' || pol.polname || ' on ' || n.nspname || '.' || c.relname from pg_policy pol
            join pg_class c on c.oid = pol.polrelid join pg_namespace n on n.oid = c.relnamespace
            where n.nspname <> :schema
            """)
        .bind("schema", schema).mapTo(String.class).list());
  }

  static List<String> relations(Jdbi admin, String schema) {
    return admin.withHandle(h -> h.createQuery(
            "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = :schema")
        .bind("schema", schema).mapTo(String.class).list());
  }
}
