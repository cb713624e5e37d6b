package io.messagedriven.application.user;

import io.messagedriven.application.Page;
import io.messagedriven.application.PageRequest;
import io.messagedriven.application.internal.Cursors;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.testing.InMemoryStore;
import io.messagedriven.domain.UnknownTenantException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.EventRecord;
import io.messagedriven.application.port.EventStatus;
import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import io.messagedriven.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

class UserQueriesTest {
  private final InMemoryStore data = new InMemoryStore(Clock.systemUTC());
  private final UserQueries queries = new UserQueries(data, data);
  private Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
  private Tenant acme;
  private Tenant globex;

  @BeforeEach
  void twoTenants() {
    acme = new CreateTenant(data, clock).handle(new CreateTenantCommand("acme", "Acme"));
    globex = new CreateTenant(data, clock).handle(new CreateTenantCommand("globex", "Globex"));
  }

  @Test
  void findsAUserByIdInItsTenant() {
    User ada = create(acme, "ada@example.com");

    assertThat(queries.findById(acme.id(), ada.id())).contains(ada);
  }

  @Test
  void aUserOfAnotherTenantIsNotFound() {
    User ada = create(acme, "ada@example.com");

    assertThat(queries.findById(globex.id(), ada.id())).isEmpty();
    assertThat(queries.findByEmail(globex.id(), "ada@example.com")).isEmpty();
  }

  @Test
  void findsByEmailIgnoringCase() {
    User ada = create(acme, "Ada@Example.com");

    assertThat(queries.findByEmail(acme.id(), "ADA@EXAMPLE.COM")).contains(ada);
    assertThat(queries.findByEmail(acme.id(), Email.of("ada@example.com"))).contains(ada);
  }

  @Test
  void anInvalidEmailIsRefusedBeforeAnyTransaction() {
    int before = data.transactionsStarted();

    assertThatThrownBy(() -> queries.findByEmail(acme.id(), "not an email"))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"));
    assertThat(data.transactionsStarted()).isEqualTo(before);
  }

  @Test
  void anUnknownTenantIsRefusedRatherThanFoundEmpty() {
    TenantId unknown = TenantId.random();

    assertUnknown(unknown, () -> queries.findById(unknown, UserId.random()));
    assertUnknown(unknown, () -> queries.findByEmail(unknown, "ada@example.com"));
    assertUnknown(unknown, () -> queries.list(unknown, PageRequest.first(10)));
    assertUnknown(unknown, () -> queries.history(unknown, UserId.random(), PageRequest.first(10)));
  }

  @Test
  void aKnownTenantWithoutUsersHasOneEmptyPage() {
    Page<User> page = queries.list(globex.id(), PageRequest.first(10));

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(page.nextCursor()).isNull();
  }

  @Test
  void listsATenantsUsersPageByPageInCreationOrder() {
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      clock = Clock.offset(clock, java.time.Duration.ofSeconds(1));
      created.add(create(acme, "user" + i + "@example.com"));
    }
    create(globex, "other@example.com");

    List<List<User>> pages = readAllPages(acme.id(), 3);

    assertThat(pages).extracting(List::size).containsExactly(3, 3, 1);
    assertThat(pages.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(created);
  }

  @Test
  void aLastPageThatIsFullHasNoNextPage() {
    for (int i = 0; i < 6; i++) {
      create(acme, "user" + i + "@example.com");
    }

    assertThat(readAllPages(acme.id(), 3)).extracting(List::size).containsExactly(3, 3);
  }

  @Test
  void usersCreatedAtTheSameInstantArePagedWithoutLossOrRepeat() {
    List<User> created = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      created.add(create(acme, "same" + i + "@example.com"));
    }

    List<User> read = readAllPages(acme.id(), 4).stream().flatMap(List::stream).toList();

    assertThat(read).hasSize(10).containsExactlyInAnyOrderElementsOf(created).doesNotHaveDuplicates();
  }

  @Test
  void aCursorThatNoUserPageReturnedIsRefused() {
    create(acme, "a@example.com");
    String eventCursor = Cursors.ofEvent(12);

    for (String bad : new String[] {"garbage!", "Zm9v", eventCursor, "dXNlcnM6MTo"}) {
      assertThatThrownBy(() -> queries.list(acme.id(), PageRequest.after(bad, 10)))
          .as(bad)
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("cursor"))
          .hasMessageContaining("nextCursor of a previous page");
    }
  }

  @Test
  void missingArgumentsAreRefusedByName() {
    assertMissing("tenantId", () -> queries.findById(null, UserId.random()));
    assertMissing("userId", () -> queries.findById(acme.id(), null));
    assertMissing("tenantId", () -> queries.findByEmail(null, "a@example.com"));
    assertMissing("email", () -> queries.findByEmail(acme.id(), (String) null));
    assertMissing("email", () -> queries.findByEmail(acme.id(), (Email) null));
    assertMissing("tenantId", () -> queries.list(null, PageRequest.first(1)));
    assertMissing("page", () -> queries.list(acme.id(), null));
    assertMissing("userId", () -> queries.history(acme.id(), null, PageRequest.first(1)));
    assertMissing("tenantId", () -> queries.history(null, UserId.random(), PageRequest.first(1)));
  }

  @Test
  void historyListsAUsersEventsWithTheirStatus() {
    User ada = create(acme, "ada@example.com");

    Page<EventRecord> history = queries.history(acme.id(), ada.id(), PageRequest.first(10));

    assertThat(history.items()).singleElement().satisfies(record -> {
      assertThat(record.event().name()).isEqualTo(User.CREATED);
      assertThat(record.event().aggregateId()).isEqualTo(ada.id().toString());
      assertThat(record.status()).isEqualTo(EventStatus.PENDING);
      assertThat(record.error()).isEmpty();
    });
    assertThat(queries.history(globex.id(), ada.id(), PageRequest.first(10)).items()).isEmpty();
  }

  private List<List<User>> readAllPages(TenantId tenant, int limit) {
    List<List<User>> pages = new ArrayList<>();
    Page<User> page = queries.list(tenant, PageRequest.first(limit));
    pages.add(page.items());
    while (page.hasNext()) {
      page = queries.list(tenant, PageRequest.after(page.nextCursor(), limit));
      pages.add(page.items());
    }
    return pages;
  }

  private User create(Tenant tenant, String email) {
    return new CreateUser(data, data, clock).handle(CreateUserCommand.of(tenant.id(), email, "User " + email));
  }

  private static void assertUnknown(TenantId unknown, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(UnknownTenantException.class).hasMessageContaining(unknown.toString());
  }

  private static void assertMissing(String field, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining("required");
  }
}
