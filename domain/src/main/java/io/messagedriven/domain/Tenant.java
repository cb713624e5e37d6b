package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;

import java.time.Clock;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A tenant: the unit of isolation. Every user and every event belongs to exactly one.
 *
 * @param id identity
 * @param slug unique, URL-safe handle: 1 to 63 lower-case letters, digits and inner hyphens
 * @param name display name: 1 to 200 characters, no control characters
 * @param createdAt when the tenant was created
 */
public record Tenant(TenantId id, String slug, String name, Instant createdAt) {
  public static final int MAX_NAME_LENGTH = 200;
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

  public Tenant {
    Check.notNull("tenantId", id);
    slug = validSlug(slug);
    name = validName(name);
    createdAt = Check.instant("createdAt", createdAt); // what the database keeps
  }

  /**
   * A new tenant with a fresh id, created now according to {@code clock}, to the microsecond.
   */
  public static Tenant create(String slug, String name, Clock clock) {
    return new Tenant(TenantId.random(), slug, name, Check.now(clock));
  }

  /** Checks a tenant's display name and returns it trimmed. */
  public static String validName(String name) {
    return Check.text("tenant name", name, MAX_NAME_LENGTH);
  }

  /** Checks a slug alone, for look-ups by slug; returns it unchanged. */
  public static String validSlug(String slug) {
    Check.notNull("slug", slug);
    if (!SLUG.matcher(slug).matches()) {
      throw new InvalidValueException(
          "slug", slug, "use 1 to 63 lower-case letters, digits and inner hyphens");
    }
    return slug;
  }
}
