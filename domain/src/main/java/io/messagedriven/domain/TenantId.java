package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.internal.Ids;

import java.util.UUID;

/** Identity of a {@link Tenant}. */
public record TenantId(UUID value) {
  /**
   * The tenant of services that have none of their own: the nil UUID. The PostgreSQL migrations
   * create it (slug {@code default}); {@link Event#raise(String, String, String, String,
   * java.time.Instant)} uses it.
   */
  public static final TenantId DEFAULT = new TenantId(new UUID(0, 0));

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
