package io.messagedriven.application.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreateUserCommandTest {
  private static final TenantId TENANT = TenantId.random();
  private static final Email ADA = Email.of("ada@example.com");

  private static void assertInvalid(Runnable build, String field, String problem) {
    assertThatThrownBy(build::run)
        .isInstanceOfSatisfying(
            InvalidValueException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.problem()).contains(problem);
            });
  }

  @Test
  void ofParsesTheEmailAndTrimsTheName() {
    CreateUserCommand command = CreateUserCommand.of(TENANT, " Ada@Example.COM ", "  Ada Lovelace ");

    assertThat(command.tenantId()).isEqualTo(TENANT);
    assertThat(command.email()).isEqualTo(Email.of("Ada@example.com"));
    assertThat(command.name()).isEqualTo("Ada Lovelace");
    assertThat(command.correlation()).isEmpty();
    assertThat(command.correlationId()).isNull();
  }

  @Test
  void correlatedByAddsACorrelationIdAndKeepsTheRest() {
    CreateUserCommand plain = CreateUserCommand.of(TENANT, "ada@example.com", "Ada");

    CreateUserCommand correlated = plain.correlatedBy("req-42");

    assertThat(correlated.correlation()).contains("req-42");
    assertThat(correlated.tenantId()).isEqualTo(plain.tenantId());
    assertThat(correlated.email()).isEqualTo(plain.email());
    assertThat(correlated.name()).isEqualTo(plain.name());
    assertThat(plain.correlation()).isEmpty();
  }

  @Test
  void rejectsAMissingTenant() {
    assertInvalid(() -> new CreateUserCommand(null, ADA, "Ada", null), "tenantId", "it is required");
  }

  @Test
  void rejectsAMissingEmail() {
    assertInvalid(() -> new CreateUserCommand(TENANT, null, "Ada", null), "email", "it is required");
  }

  @Test
  void rejectsAnInvalidEmailNamingIt() {
    assertThatThrownBy(() -> CreateUserCommand.of(TENANT, "ada.example.com", "Ada"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("email \"ada.example.com\" is invalid: it has no '@'");
  }

  @Test
  void rejectsABlankMissingOrOversizedName() {
    assertInvalid(() -> CreateUserCommand.of(TENANT, "ada@example.com", " "), "name", "it is blank");
    assertInvalid(() -> CreateUserCommand.of(TENANT, "ada@example.com", null), "name", "it is required");
    assertInvalid(() -> CreateUserCommand.of(TENANT, "ada@example.com", "n".repeat(201)), "name", "longer than 200");
  }

  @Test
  void acceptsACorrelationIdOf200Characters() {
    String id = "c".repeat(200);

    assertThat(new CreateUserCommand(TENANT, ADA, "Ada", id).correlation()).contains(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void rejectsABlankCorrelationId(String id) {
    assertInvalid(() -> new CreateUserCommand(TENANT, ADA, "Ada", id), "correlationId", "blank");
  }

  @Test
  void rejectsACorrelationIdLongerThan200Characters() {
    assertInvalid(() -> new CreateUserCommand(TENANT, ADA, "Ada", "c".repeat(201)), "correlationId", "longer than 200");
  }

  @ParameterizedTest
  @ValueSource(strings = {"req\n42", "req\u000042", "req\u009b42"})
  void rejectsACorrelationIdWithAControlCharacter(String id) {
    CreateUserCommand command = CreateUserCommand.of(TENANT, "ada@example.com", "Ada");

    assertInvalid(() -> command.correlatedBy(id), "correlationId", "control character");
  }
}
