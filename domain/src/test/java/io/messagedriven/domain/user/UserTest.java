package io.messagedriven.domain.user;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;

import static io.messagedriven.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UserTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00.123Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final TenantId TENANT = TenantId.parse("6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab");
  private static final Email ADA = Email.of("Ada@Example.com");

  @Test
  void createReturnsTheNewUser() {
    User user = User.create(TENANT, ADA, "  Ada Lovelace ", CLOCK).user();

    assertThat(user.id()).isNotNull();
    assertThat(user.tenantId()).isEqualTo(TENANT);
    assertThat(user.email()).isEqualTo(ADA);
    assertThat(user.name()).isEqualTo("Ada Lovelace");
    assertThat(user.createdAt()).isEqualTo(NOW);
  }

  @Test
  void eachUserGetsAFreshId() {
    assertThat(User.create(TENANT, ADA, "Ada", CLOCK).user().id())
        .isNotEqualTo(User.create(TENANT, ADA, "Ada", CLOCK).user().id());
  }

  @Test
  void createRaisesAUserCreatedEventAboutTheUser() {
    User.Created created = User.create(TENANT, ADA, "Ada", CLOCK);
    Event event = created.event();

    assertThat(event.id()).isNotNull();
    assertThat(event.name()).isEqualTo("User.created").isEqualTo(User.CREATED);
    assertThat(event.aggregateType()).isEqualTo("User").isEqualTo(User.AGGREGATE_TYPE);
    assertThat(event.aggregateId()).isEqualTo(created.user().id().toString());
    assertThat(event.tenantId()).isEqualTo(TENANT);
    assertThat(event.occurredAt()).isEqualTo(NOW);
    assertThat(event.headers()).isEmpty();
  }

  @Test
  void eventPayloadCarriesTheUserAsJson() {
    User.Created created = User.create(TENANT, ADA, "Ada Lovelace", CLOCK);

    assertThat(created.event().payload())
        .isEqualTo(
            "{\"userId\":\"" + created.user().id() + "\","
                + "\"tenantId\":\"6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab\","
                + "\"email\":\"Ada@example.com\","
                + "\"name\":\"Ada Lovelace\","
                + "\"createdAt\":\"2024-05-01T12:00:00.123Z\"}");
  }

  @Test
  void eventPayloadEscapesQuotesAndBackslashesInTheName() {
    User.Created created = User.create(TENANT, ADA, "Ada \"The Countess\" \\ Lovelace", CLOCK);

    assertThat(created.event().payload())
        .contains("\"name\":\"Ada \\\"The Countess\\\" \\\\ Lovelace\",\"createdAt\"");
  }

  @Test
  void eventPayloadKeepsNonAsciiNamesAsTheyAre() {
    User.Created created = User.create(TENANT, ADA, "Zoë 😀 Ÿ", CLOCK);

    assertThat(created.event().payload()).contains("\"name\":\"Zoë 😀 Ÿ\"");
  }

  @Test
  void rejectsANameWithAControlCharacterSoItNeverReachesThePayload() {
    InvalidValueException e =
        assertInvalid(() -> User.create(TENANT, ADA, "Ada\nLovelace", CLOCK), "name", "it contains a control character");

    assertThat(e.getMessage()).contains("\"Ada\\u000aLovelace\"");
  }

  @Test
  void rejectsABlankOrOversizedName() {
    assertThatThrownBy(() -> User.create(TENANT, ADA, "  ", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("name \"  \" is invalid: it is blank");
    assertThatThrownBy(() -> User.create(TENANT, ADA, "n".repeat(201), CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageEndingWith("is invalid: it is longer than 200 characters");
    assertThat(User.create(TENANT, ADA, "n".repeat(200), CLOCK).user().name()).hasSize(200);
  }

  @Test
  void requiresTenantEmailNameAndClock() {
    assertThatThrownBy(() -> User.create(null, ADA, "Ada", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("tenantId null is invalid: it is required");
    assertThatThrownBy(() -> User.create(TENANT, null, "Ada", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("email null is invalid: it is required");
    assertThatThrownBy(() -> User.create(TENANT, ADA, null, CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("name null is invalid: it is required");
    assertThatThrownBy(() -> User.create(TENANT, ADA, "Ada", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("clock null is invalid: it is required");
  }

  @Test
  void constructorChecksTheSameInvariants() {
    assertThatThrownBy(() -> new User(null, TENANT, ADA, "Ada", NOW))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("userId null");
    assertThatThrownBy(() -> new User(UserId.random(), TENANT, ADA, "Ada", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("createdAt null");
    assertThat(new User(UserId.random(), TENANT, ADA, " Ada ", NOW).name()).isEqualTo("Ada");
  }

  @Test
  void userIdParsesItsOwnString() {
    UserId id = UserId.random();

    assertThat(UserId.parse(id.toString())).isEqualTo(id);
    assertThatThrownBy(() -> UserId.parse("ada"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("userId \"ada\" is invalid: it is not a UUID");
  }

  @Test
  void refusesACreationTimeOutsideYears1To9999() {
    assertInvalid(() -> new User(UserId.random(), TENANT, ADA, "Ada", Instant.parse("0000-12-31T23:59:59Z")),
        "createdAt", "it is outside the years 1 to 9999 (UTC)");
    assertInvalid(() -> User.create(TENANT, ADA, "Ada", Clock.fixed(Instant.MAX, ZoneOffset.UTC)),
        "createdAt", "it is outside the years 1 to 9999 (UTC)");
  }
}
