package io.messagedriven.domain;

import static io.messagedriven.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void createTakesItsTimeFromTheClockAndAFreshId() {
    Tenant acme = Tenant.create("acme", "Acme Corp", CLOCK);
    Tenant other = Tenant.create("other", "Other", CLOCK);

    assertThat(acme.slug()).isEqualTo("acme");
    assertThat(acme.name()).isEqualTo("Acme Corp");
    assertThat(acme.createdAt()).isEqualTo(NOW);
    assertThat(acme.id()).isNotNull().isNotEqualTo(other.id());
  }

  @Test
  void createFollowsTheClock() {
    Instant later = NOW.plusSeconds(3600);

    assertThat(Tenant.create("acme", "Acme", Clock.fixed(later, ZoneOffset.UTC)).createdAt()).isEqualTo(later);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "7", "acme", "acme-corp", "a-b-c", "a--b", "tenant42", "x123456789"})
  void acceptsSlugsOfLowerCaseLettersDigitsAndInnerHyphens(String slug) {
    assertThat(Tenant.validSlug(slug)).isEqualTo(slug);
    assertThat(Tenant.create(slug, "Name", CLOCK).slug()).isEqualTo(slug);
  }

  @Test
  void acceptsASlugOf63Characters() {
    String slug = "a".repeat(63);

    assertThat(Tenant.validSlug(slug)).isEqualTo(slug);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", " ", "Acme", "ACME", "-acme", "acme-", "ac me", " acme", "acme_corp", "ac.me", "äcme", "acme!", "acme\n"})
  void rejectsMalformedSlugsNamingTheFieldAndTheValue(String slug) {
    InvalidValueException e =
        assertInvalid(() -> Tenant.validSlug(slug), "slug", "use 1 to 63 lower-case letters, digits and inner hyphens");

    assertThat(e.getMessage()).startsWith("slug \"");
  }

  @Test
  void rejectsASlugLongerThan63Characters() {
    assertThatThrownBy(() -> Tenant.validSlug("a".repeat(64)))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("slug \"aaaa");
  }

  @Test
  void rejectsAMissingSlug() {
    assertThatThrownBy(() -> Tenant.create(null, "Acme", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("slug null is invalid: it is required");
  }

  @Test
  void slugIsCheckedAsIsWithoutTrimmingOrLowerCasing() {
    assertThatThrownBy(() -> Tenant.create("Acme", "Acme", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("slug \"Acme\" is invalid");
  }

  @Test
  void nameIsTrimmed() {
    assertThat(Tenant.create("acme", "  Acme Corp \n", CLOCK).name()).isEqualTo("Acme Corp");
    assertThat(Tenant.validName(" Acme ")).isEqualTo("Acme");
  }

  @Test
  void acceptsANameOf200Characters() {
    String name = "n".repeat(200);

    assertThat(Tenant.create("acme", name, CLOCK).name()).isEqualTo(name);
  }

  @Test
  void rejectsANameLongerThan200Characters() {
    assertInvalid(() -> Tenant.create("acme", "n".repeat(201), CLOCK), "tenant name", "it is longer than 200 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t\n"})
  void rejectsABlankName(String name) {
    assertInvalid(() -> Tenant.create("acme", name, CLOCK), "tenant name", "it is blank");
  }

  @Test
  void rejectsANameWithAControlCharacter() {
    assertThatThrownBy(() -> Tenant.create("acme", "Acme\u0000Corp", CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("tenant name \"Acme\\u0000Corp\" is invalid: it contains a control character");
  }

  @Test
  void rejectsAMissingName() {
    assertThatThrownBy(() -> Tenant.create("acme", null, CLOCK))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("tenant name null is invalid: it is required");
  }

  @Test
  void requiresAnIdAndACreationTime() {
    assertThatThrownBy(() -> new Tenant(null, "acme", "Acme", NOW))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("tenantId null");
    assertThatThrownBy(() -> new Tenant(TenantId.random(), "acme", "Acme", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("createdAt null");
  }

  @Test
  void tenantIdParsesItsCanonicalForm() {
    TenantId id = TenantId.random();

    assertThat(TenantId.parse(id.toString())).isEqualTo(id);
    assertThat(TenantId.parse(id.toString().toUpperCase())).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "1-1-1-1-1", "123e4567-e89b-12d3-a456-42661417400", "123e4567e89b12d3a456426614174000"})
  void tenantIdRejectsWhatIsNotACanonicalUuid(String text) {
    assertInvalid(() -> TenantId.parse(text), "tenantId", "it is not a UUID");
  }

  @Test
  void refusesACreationTimeOutsideYears1To9999() {
    assertInvalid(() -> new Tenant(TenantId.random(), "acme", "Acme", Instant.parse("+10000-01-01T00:00:00Z")),
        "createdAt", "it is outside the years 1 to 9999 (UTC)");
    assertInvalid(() -> Tenant.create("acme", "Acme", Clock.fixed(Instant.MIN, ZoneOffset.UTC)),
        "createdAt", "it is outside the years 1 to 9999 (UTC)");
  }
}
