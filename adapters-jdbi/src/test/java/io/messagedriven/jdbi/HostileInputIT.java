package io.messagedriven.jdbi;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile strings are stored verbatim or refused with a typed error; never interpreted. */
class HostileInputIT {
  private static PostgresStore store;
  private static Jdbi admin;
  private final Clock clock = Clock.systemUTC();
  private Tenant tenant;
  private CreateUser createUser;

  @BeforeAll
  static void startStore() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    admin = Jdbi.create(url);
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  @BeforeEach
  void newTenant() {
    tenant = new CreateTenant(store.transactions(), clock)
        .handle(new CreateTenantCommand("h-" + System.nanoTime(), "Robert'); DROP TABLE tenants; --"));
    createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Robert'); DROP TABLE users; --",
      "'; DROP TABLE users; --",
      "\"double\" 'single' `back`",
      "back\\slash \\' \\\"",
      ":tenantId :name ? $1 $$ %s %n",
      "-- comment /* block */",
      "<script>alert('x')</script>",
      "emoji \uD83D\uDE00 \u4E2D\u6587 \u00E9\u00DF",
      "\u202Eright-to-left override"})
  void hostileNamesAreStoredAndReadBackVerbatim(String name) {
    User user = createUser.handle(CreateUserCommand.of(tenant.id(), "user" + System.nanoTime() + "@example.com", name));

    Map<String, Object> stored = admin.withHandle(h -> h.createQuery(
            "select u.name, e.payload->>'name' as payload_name from message_driven.users u "
                + "join message_driven.events e on e.aggregate_id = u.id::text where u.id = :id")
        .bind("id", user.id().value()).mapToMap().one());
    assertThat(stored).containsEntry("name", name).containsEntry("payload_name", name);
    assertThat(new UserQueries(store.transactions(), new PostgresUsers()).findById(tenant.id(), user.id()))
        .hasValueSatisfying(read -> assertThat(read.name()).isEqualTo(name));
    assertThat(tableExists("users")).isTrue();
  }

  @Test
  void aVeryLongNameUpToTheLimitIsStoredVerbatim() {
    String name = "'\";--".repeat(40);

    User user = createUser.handle(CreateUserCommand.of(tenant.id(), "long@example.com", name));

    assertThat(stored("select name from message_driven.users where id = ?", user.id().value())).isEqualTo(name).hasSize(200);
  }

  @Test
  void addressesWithQuotesAndSqlAreStoredVerbatimAndMatchOnlyThemselves() {
    String quoted = "o'reilly+'--@example.com";
    String alwaysTrue = "'or'1'='1@example.com";
    User reilly = createUser.handle(CreateUserCommand.of(tenant.id(), quoted, "O'Reilly"));
    UserQueries queries = new UserQueries(store.transactions(), new PostgresUsers());

    assertThat(queries.findByEmail(tenant.id(), quoted)).contains(reilly);
    assertThat(queries.findByEmail(tenant.id(), alwaysTrue)).isEmpty();
    assertThat(queries.findByEmail(tenant.id(), "%@example.com")).isEmpty();
    assertThat(stored("select email from message_driven.users where id = ?", reilly.id().value())).isEqualTo(quoted);
  }

  @Test
  void aHostileTenantNameIsStoredVerbatim() {
    assertThat(stored("select name from message_driven.tenants where id = ?", tenant.id().value()))
        .isEqualTo("Robert'); DROP TABLE tenants; --");
    assertThat(tableExists("tenants")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000byte", "bell\u0007", "escape\u001B[31m", "line\nbreak", "lone \uD800 surrogate"})
  void namesThatCannotBeStoredVerbatimAreRefusedWithATypedError(String name) {
    long before = countUsers();

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(tenant.id(), "x@example.com", name)))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("name"));
    assertThat(countUsers()).isEqualTo(before);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nul\u0000@example.com", "'; DROP TABLE users; --", "a\"b@example.com", "x@exa'mple.com"})
  void addressesThatAreNotEmailsAreRefusedWithATypedError(String email) {
    assertThatThrownBy(() -> CreateUserCommand.of(tenant.id(), email, "X"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"));
  }

  @Test
  void aVeryLongStringIsRefusedWithATypedErrorAndNotEchoedWhole() {
    String huge = "'; DROP TABLE users; --".repeat(50_000);

    assertThatThrownBy(() -> createUser.handle(CreateUserCommand.of(tenant.id(), "big@example.com", huge)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than 200")
        .hasMessageContaining("(" + huge.length() + " chars)")
        .message().hasSizeLessThan(300);
    assertThatThrownBy(() -> CreateUserCommand.of(tenant.id(), huge + "@example.com", "Big"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("longer than 254");
  }

  private static String stored(String query, Object id) {
    return admin.withHandle(h -> h.select(query, id).mapTo(String.class).one());
  }

  private long countUsers() {
    return admin.withHandle(h -> h.createQuery("select count(*) from message_driven.users").mapTo(Long.class).one());
  }

  private boolean tableExists(String table) {
    return admin.withHandle(h -> h.select("select to_regclass(?) is not null", "message_driven." + table).mapTo(Boolean.class).one());
  }
}
