package io.messagedriven.application.user;

import io.messagedriven.domain.user.Email;
import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.TenantId;
import io.messagedriven.domain.user.User;
import java.util.Optional;

/**
 * A request to create a user. Built only from valid values: a missing tenant, an invalid email
 * or a blank or oversized name fail here with an {@link InvalidValueException} naming the field.
 *
 * @param tenantId the tenant the user joins
 * @param email the user's address
 * @param name display name, trimmed
 * @param correlationId ties the {@code User.created} event to the request that caused it: 1 to
 *     200 characters, no control characters; may be null
 */
public record CreateUserCommand(TenantId tenantId, Email email, String name, String correlationId) {
  public CreateUserCommand {
    if (tenantId == null) {
      throw new InvalidValueException("tenantId", null, "it is required");
    }
    if (email == null) {
      throw new InvalidValueException("email", null, "it is required");
    }
    name = User.validName(name);
    if (correlationId != null && (correlationId.isBlank() || correlationId.length() > 200)) {
      throw new InvalidValueException("correlationId", correlationId, "it is blank or longer than 200 characters");
    }
    if (correlationId != null && correlationId.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidValueException("correlationId", correlationId, "it contains a control character");
    }
  }

  /** Parses raw input, as it comes from a form or an API. */
  public static CreateUserCommand of(TenantId tenantId, String email, String name) {
    return new CreateUserCommand(tenantId, Email.of(email), name, null);
  }

  /** This command with a correlation id. */
  public CreateUserCommand correlatedBy(String id) {
    return new CreateUserCommand(tenantId, email, name, id);
  }

  public Optional<String> correlation() {
    return Optional.ofNullable(correlationId);
  }
}
