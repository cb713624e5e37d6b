package io.messagedriven.domain;

import java.util.UUID;

/** Identity of a {@link Tenant}. */
public record TenantId(UUID value) {
  public TenantId {
    Check.notNull("tenantId", value);
  }

  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  /** Parses the canonical UUID form; a malformed id is an {@link InvalidValueException}. */
  public static TenantId parse(String text) {
    return new TenantId(Ids.parse("tenantId", text));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
