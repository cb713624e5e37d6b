package io.messagedriven.publisher;

import java.time.Duration;

/**
 * Checks shared by the builders of handler adapters, here and in your own: a failed check is an
 * {@link IllegalArgumentException} whose message names the property and its bad value.
 */
public final class BuilderChecks {
  private BuilderChecks() {}

  /**
   * Fails with {@code message} unless {@code ok}.
   *
   * @throws IllegalArgumentException with {@code message}
   */
  public static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Whether {@code duration} is set and longer than zero. */
  public static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }

  /** {@code uri} with the password of its {@code user:password@} part masked, for messages and logs. */
  public static String withoutPassword(String uri) {
    return uri == null ? null : uri.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
  }
}
