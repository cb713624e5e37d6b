package io.messagedriven.jdbi.internal;

import java.util.regex.Pattern;

/**
 * The schema the library's objects live in: a plain lower-case PostgreSQL identifier, so it goes
 * into SQL text as it is, with no quoting to get wrong.
 */
public final class SchemaName {
  /** The schema when none is chosen. */
  public static final String DEFAULT = "message_driven";
  private static final Pattern VALID = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private SchemaName() {}

  /** Whether {@code schema} may be used: lower-case letters, digits and '_', not {@code pg_*} or {@code public}. */
  public static boolean isValid(String schema) {
    return schema != null && VALID.matcher(schema).matches() && !schema.startsWith("pg_")
        && !schema.equals("public") && !schema.equals("information_schema");
  }
}
