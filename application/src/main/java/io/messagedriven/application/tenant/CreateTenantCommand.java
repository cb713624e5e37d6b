package io.messagedriven.application.tenant;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.Tenant;

/**
 * A request to create a tenant; a malformed slug or a blank or oversized name fail here with an
 * {@link InvalidValueException}.
 *
 * @param slug unique handle: 1 to 63 lower-case letters, digits and inner hyphens
 * @param name display name, trimmed
 */
public record CreateTenantCommand(String slug, String name) {
  public CreateTenantCommand {
    slug = Tenant.validSlug(slug);
    name = Tenant.validName(name);
  }
}
