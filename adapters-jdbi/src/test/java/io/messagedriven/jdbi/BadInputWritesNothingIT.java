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
import io.messagedriven.domain.DomainException;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad input gets a typed error naming the problem, and no row is written anywhere. */
class BadInputWritesNothingIT {
  private static final Clock CLOCK = Clock.systemUTC();
  private static PostgresStore store;
  private static Jdbi admin;
  private static Tenant tenant;

  @BeforeAll
  static void startStoreWithOneTenantAndUser() {
    String url = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(url).build();
    admin = Jdbi.create(url);
    tenant = new CreateTenant(store.transactions(), CLOCK).handle(new CreateTenantCommand("taken", "Taken"));
    new CreateUser(store.transactions(), new PostgresUsers(), CLOCK).handle(CreateUserCommand.of(tenant.id(), "Taken@Example.com", "T"));
  }

  @AfterAll
  static void closeStore() {
    store.close();
  }

  static Stream<Arguments> badInputs() {
    return Stream.of(
        invalid("email", "no-at.example.com", () -> createUser("no-at.example.com", "X")),
        invalid("email", "inner space", () -> createUser("has space@example.com", "X")),
        invalid("email", "control character", () -> createUser("bell\u0007@example.com", "X")),
        invalid("email", "longer than 254", () -> createUser("a".repeat(64) + "@" + "b".repeat(60) + ".c".repeat(70), "X")),
        invalid("email", "empty local part", () -> createUser("@example.com", "X")),
        invalid("email", "empty domain", () -> createUser("user@", "X")),
        invalid("email", "null", () -> createUser(null, "X")),
        invalid("name", "blank", () -> createUser("n1@example.com", "  \t ")),
        invalid("name", "empty", () -> createUser("n2@example.com", "")),
        invalid("name", "oversized", () -> createUser("n3@example.com", "x".repeat(201))),
        invalid("name", "null", () -> createUser("n4@example.com", null)),
        invalid("tenantId", "null tenant", () -> new CreateUser(store.transactions(), new PostgresUsers(), CLOCK)
            .handle(CreateUserCommand.of(null, "n5@example.com", "X"))),
        invalid("slug", "blank slug", () -> createTenant(" ", "X")),
        invalid("slug", "upper-case slug", () -> createTenant("Acme", "X")),
        invalid("slug", "oversized slug", () -> createTenant("a".repeat(64), "X")),
        invalid("slug", "null slug", () -> createTenant(null, "X")),
        invalid("slug", "hostile slug", () -> createTenant("'; DROP TABLE tenants; --", "X")),
        invalid("tenant name", "blank tenant name", () -> createTenant("fresh-1", " ")),
        invalid("tenant name", "oversized tenant name", () -> createTenant("fresh-2", "x".repeat(201))),
        invalid("tenant name", "null tenant name", () -> createTenant("fresh-3", null)),
        refused(UnknownTenantException.class, "unknown tenant", () -> new CreateUser(store.transactions(), new PostgresUsers(), CLOCK)
            .handle(CreateUserCommand.of(TenantId.random(), "n6@example.com", "X"))),
        refused(DuplicateEmailException.class, "duplicate email in another case", () -> createUser("TAKEN@example.COM", "X")),
        refused(DuplicateSlugException.class, "duplicate slug", () -> createTenant("taken", "Again")));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badInputs")
  void isRefusedWithATypedErrorAndWritesNothing(Consumer<Throwable> expected, String what, ThrowingCallable call) {
    List<Long> before = rowCounts();

    assertThatThrownBy(call).as(what).isInstanceOf(DomainException.class).satisfies(expected);
    assertThat(rowCounts()).as("tenants, users, events after: " + what).isEqualTo(before);
  }

  private static Arguments invalid(String field, String what, ThrowingCallable call) {
    Consumer<Throwable> expected = e -> assertThat(e).isInstanceOfSatisfying(InvalidValueException.class,
        invalid -> assertThat(invalid.field()).isEqualTo(field));
    return Arguments.of(expected, what, call);
  }

  private static Arguments refused(Class<? extends DomainException> type, String what, ThrowingCallable call) {
    Consumer<Throwable> expected = e -> assertThat(e).isInstanceOf(type);
    return Arguments.of(expected, what, call);
  }

  private static void createUser(String email, String name) {
    new CreateUser(store.transactions(), new PostgresUsers(), CLOCK).handle(CreateUserCommand.of(tenant.id(), email, name));
  }

  private static void createTenant(String slug, String name) {
    new CreateTenant(store.transactions(), CLOCK).handle(new CreateTenantCommand(slug, name));
  }

  private static List<Long> rowCounts() {
    return admin.withHandle(h -> h.createQuery(
            "select (select count(*) from message_driven.tenants), (select count(*) from message_driven.users), (select count(*) from message_driven.events)")
        .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
  }
}
