package io.messagedriven.application.publishing;

import io.messagedriven.application.port.NonRetryableException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * When a failed event is tried again, and when it is given up.
 *
 * <p>After attempt {@code n} fails, the next one is due after {@code initialDelay * multiplier^(n-1)},
 * capped at {@code maxDelay}, minus a random part of up to {@code jitter} of it (so publishers
 * retrying together spread out, and delays still grow). After {@code maxAttempts} attempts, or at
 * once for a {@link NonRetryableException} or one of the {@code nonRetryable} types (or their
 * subtypes), the event is failed for good.
 *
 * @param maxAttempts attempts in all, 1 to {@value #MAX_ATTEMPTS}; 1 means no retry
 * @param initialDelay delay after the first failed attempt, 1 ms to {@link #MAX_DELAY}
 * @param maxDelay the longest delay, from {@code initialDelay} to {@link #MAX_DELAY}
 * @param multiplier growth per attempt, 1 to {@value #MAX_MULTIPLIER}
 * @param jitter fraction of each delay that is random, from 0 to 1 exclusive
 * @param nonRetryable exception types that fail the event at once
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialDelay,
    Duration maxDelay,
    double multiplier,
    double jitter,
    Set<Class<? extends Throwable>> nonRetryable) {

  /** The longest delay a policy may have: 365 days. */
  public static final Duration MAX_DELAY = Duration.ofDays(365);
  /** The most attempts a policy may allow. */
  public static final int MAX_ATTEMPTS = 10_000;
  /** The fastest growth of the delay per attempt. */
  public static final double MAX_MULTIPLIER = 10.0;

  /** 10 attempts, 1 s then doubling up to 10 min, 20% jitter, no extra non-retryable types. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofMinutes(10), 2.0, 0.2, Set.of());

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("maxAttempts must be 1 to " + MAX_ATTEMPTS + ", was " + maxAttempts);
    }
    if (initialDelay == null || initialDelay.compareTo(Duration.ofMillis(1)) < 0
        || initialDelay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("initialDelay must be 1ms to 365d, was " + initialDelay);
    }
    if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0 || maxDelay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException(
          "maxDelay must be initialDelay (" + initialDelay + ") to 365d, was " + maxDelay);
    }
    if (!(multiplier >= 1.0 && multiplier <= MAX_MULTIPLIER)) {
      throw new IllegalArgumentException("multiplier must be 1.0 to " + MAX_MULTIPLIER + ", was " + multiplier);
    }
    if (!(jitter >= 0.0 && jitter < 1.0)) {
      throw new IllegalArgumentException("jitter must be in [0, 1), was " + jitter);
    }
    if (nonRetryable == null) {
      throw new IllegalArgumentException("nonRetryable must not be null; use Set.of() for none");
    }
    if (nonRetryable.stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("nonRetryable must not contain null, was " + nonRetryable);
    }
    nonRetryable = Set.copyOf(nonRetryable);
  }

  /** Whether another attempt may follow {@code attempt} after {@code error}. */
  public boolean retries(int attempt, Throwable error) {
    return attempt < maxAttempts && !isNonRetryable(error);
  }

  /** Whether {@code error} fails an event at once. */
  public boolean isNonRetryable(Throwable error) {
    if (error instanceof NonRetryableException) {
      return true;
    }
    return nonRetryable.stream().anyMatch(type -> type.isInstance(error));
  }

  /** The delay after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
    double capped = Math.min(base, maxDelay.toMillis());
    double withJitter = capped * (1.0 - jitter * random.nextDouble());
    return Duration.ofMillis(Math.max(1, Math.round(withJitter)));
  }

  /** This policy with another {@code maxAttempts}. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialDelay, maxDelay, multiplier, jitter, nonRetryable);
  }

  /** This policy with other {@code initialDelay} and {@code maxDelay}. */
  public RetryPolicy withDelays(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, multiplier, jitter, nonRetryable);
  }

  /** This policy with another {@code multiplier}. */
  public RetryPolicy withMultiplier(double factor) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, factor, jitter, nonRetryable);
  }

  /** This policy with another {@code jitter}. */
  public RetryPolicy withJitter(double fraction) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, fraction, nonRetryable);
  }

  /** This policy with other {@code nonRetryable} types. */
  public RetryPolicy withNonRetryable(Set<Class<? extends Throwable>> types) {
    return new RetryPolicy(maxAttempts, initialDelay, maxDelay, multiplier, jitter, types);
  }
}
