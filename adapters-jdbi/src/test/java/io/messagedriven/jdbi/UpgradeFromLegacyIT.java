package io.messagedriven.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * A database migrated by message-driven 0.1 (tables in the schema first on the search path,
 * Liquibase's tables beside them) upgrades in place: its rows move into the library's schema with
 * their statuses, positions and errors, and the store goes on working with them.
 */
class UpgradeFromLegacyIT {
  /** The changelog of 0.1 as it shipped, kept under test resources. */
  private static final String LEGACY_CHANGELOG = "legacy-0.1/io/messagedriven/jdbi/db/changelog.xml";
  private static final Clock CLOCK = Clock.systemUTC();

  @Test
  void aDatabaseOfTheFirstReleaseUpgradesKeepingEveryRowAndStatus() throws Exception {
    String url = TestDatabase.freshUrl();
    migrateAsTheFirstReleaseDid(url);
    UUID tenant = UUID.randomUUID();
    Jdbi admin = Jdbi.create(url);
    admin.useHandle(h -> {
      h.execute("insert into public.tenants (id, slug, name, created_at) values (?, 'acme', 'Acme', now())", tenant);
      h.execute("insert into public.users (id, tenant_id, email, name, created_at) values (?, ?, 'ada@example.com', 'Ada', now())",
          UUID.randomUUID(), tenant);
      for (String status : List.of("PENDING", "PUBLISHED", "FAILED")) {
        h.execute("insert into public.events (id, tenant_id, aggregate_type, aggregate_id, name, payload, occurred_at, status, "
                + "attempts, published_at, failed_at, last_error_class) values (?, ?, 'Order', ?, 'Order.placed', '{}', now(), ?, "
                + "?, ?, ?, ?)",
            UUID.randomUUID(), tenant, "o-" + status, status, status.equals("PENDING") ? 0 : 3,
            status.equals("PUBLISHED") ? java.time.OffsetDateTime.now() : null,
            status.equals("FAILED") ? java.time.OffsetDateTime.now() : null,
            status.equals("FAILED") ? "java.io.IOException" : null);
      }
    });
    List<Map<String, Object>> before = events(admin, "public");

    try (PostgresStore store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build()) {
      assertThat(events(admin, "message_driven")).isEqualTo(before);
      int users = admin.withHandle(h -> h.select("select count(*) from message_driven.users").mapTo(Integer.class).one());
      assertThat(users).isEqualTo(1);
      assertThat(SchemaIT.relations(admin, "public")).as("what 0.1 left in public")
          .isSubsetOf("databasechangelog", "databasechangeloglock", "databasechangeloglock_pkey");

      List<ClaimedEvent> claimed = store.outbox().claim("test", 10, Duration.ofMinutes(1));
      assertThat(claimed).singleElement().satisfies(c -> assertThat(c.event().aggregateId()).isEqualTo("o-PENDING"));
      store.outbox().markPublished(claimed);
      new CreateUser(store.transactions(), new PostgresUsers(), CLOCK)
          .handle(CreateUserCommand.of(new TenantId(tenant), "grace@example.com", "Grace"));
      assertThat(store.outbox().claim("test", 10, Duration.ofMinutes(1))).singleElement()
          .satisfies(c -> assertThat(c.event().name()).isEqualTo("User.created"));
    }
  }

  private static List<Map<String, Object>> events(Jdbi admin, String schema) {
    return admin.withHandle(h -> h.createQuery("select id, position, tenant_id, aggregate_id, status, attempts, "
            + "last_error_class, published_at is not null as published, failed_at is not null as failed from "
            + schema + ".events order by position")
        .mapToMap().list());
  }

  private static void migrateAsTheFirstReleaseDid(String url) throws Exception {
    try (Connection connection = DriverManager.getConnection(url)) {
      Database database =
          DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
              new ClassLoaderResourceAccessor(UpgradeFromLegacyIT.class.getClassLoader()),
              Scope.Attr.ui.name(), new liquibase.ui.LoggerUIService()),
          () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
              .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
              .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, LEGACY_CHANGELOG)
              .setOutput(OutputStream.nullOutputStream())
              .execute());
    }
  }
}
