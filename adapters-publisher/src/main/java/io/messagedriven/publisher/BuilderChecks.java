package io.messagedriven.publisher;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Checks shared by the builders of handler adapters, here and in your own: a failed check is an
 * {@link IllegalArgumentException} whose message names the property and its bad value.
 */
public final class BuilderChecks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

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

  /**
   * Fails unless {@code value} is a name that fits thread names, lease owners and meter tags
   * alike: 1 to 64 letters, digits, '.', '_' or '-'.
   *
   * @throws IllegalArgumentException "{@code setting} must be 1 to 64 letters, digits, '.', '_' or '-', was {@code value}"
   */
  public static void requireName(String setting, String value) {
    require(value != null && NAME.matcher(value).matches(),
        setting + " must be 1 to 64 letters, digits, '.', '_' or '-', was " + value);
  }

  /**
   * Fails unless {@code value} is from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException "{@code setting} must be {@code min} to {@code max}, was {@code value}"
   */
  public static void requireBetween(String setting, long value, long min, long max) {
    require(value >= min && value <= max, setting + " must be " + min + " to " + max + ", was " + value);
  }

  /**
   * Fails unless {@code value} is set and from {@code min} to {@code max}, both included: a
   * duration with an upper bound cannot overflow when it is added to a clock reading or turned
   * into nanoseconds.
   *
   * @throws IllegalArgumentException "{@code setting} must be {@code min} to {@code max}, was {@code value}",
   *     the bounds written short ({@code 10ms}, {@code 1s}, {@code 1h}, {@code 1d})
   */
  public static void requireBetween(String setting, Duration value, Duration min, Duration max) {
    require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
        setting + " must be " + shown(min) + " to " + shown(max) + ", was " + value);
  }

  /** {@code duration} in its largest whole unit, such as {@code 10ms}, {@code 30s}, {@code 5min}, {@code 1h}, {@code 7d}. */
  static String shown(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    if (duration.toNanos() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1_000, 1};
    String[] units = {"d", "h", "min", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return duration.toString();
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
