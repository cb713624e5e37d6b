package io.messagedriven.application.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.port.NonRetryableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  /** Draws 0: no jitter taken off. */
  private static final RandomGenerator LOWEST = () -> 0L;
  /** Draws just under 1: the most jitter taken off. */
  private static final RandomGenerator HIGHEST = () -> -1L;

  private static final RetryPolicy NO_JITTER =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 2.0, 0.0, Set.of());

  @Test
  void defaultIsTenAttemptsFromOneSecondDoublingUpToTenMinutesWithSomeJitter() {
    assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(10);
    assertThat(RetryPolicy.DEFAULT.initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(RetryPolicy.DEFAULT.maxDelay()).isEqualTo(Duration.ofMinutes(10));
    assertThat(RetryPolicy.DEFAULT.multiplier()).isEqualTo(2.0);
    assertThat(RetryPolicy.DEFAULT.jitter()).isEqualTo(0.2);
    assertThat(RetryPolicy.DEFAULT.nonRetryable()).isEmpty();
  }

  @Test
  void delaysGrowByTheMultiplierFromTheInitialDelay() {
    assertThat(NO_JITTER.delayAfter(1, LOWEST)).isEqualTo(Duration.ofSeconds(1));
    assertThat(NO_JITTER.delayAfter(2, LOWEST)).isEqualTo(Duration.ofSeconds(2));
    assertThat(NO_JITTER.delayAfter(3, LOWEST)).isEqualTo(Duration.ofSeconds(4));
    assertThat(NO_JITTER.delayAfter(4, LOWEST)).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void delaysStopGrowingAtMaxDelay() {
    assertThat(NO_JITTER.delayAfter(5, LOWEST)).isEqualTo(Duration.ofSeconds(10));
    assertThat(NO_JITTER.delayAfter(60, LOWEST)).isEqualTo(Duration.ofSeconds(10));
    assertThat(NO_JITTER.delayAfter(Integer.MAX_VALUE, LOWEST)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aMultiplierOfOneKeepsTheDelayConstant() {
    RetryPolicy constant = NO_JITTER.withMultiplier(1.0);

    assertThat(constant.delayAfter(1, LOWEST)).isEqualTo(constant.delayAfter(7, LOWEST)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterTakesOffAtMostItsFractionOfTheDelay() {
    RetryPolicy jittery = NO_JITTER.withJitter(0.25);

    assertThat(jittery.delayAfter(3, LOWEST)).isEqualTo(Duration.ofSeconds(4));
    assertThat(jittery.delayAfter(3, HIGHEST)).isEqualTo(Duration.ofSeconds(3));
    assertThat(jittery.delayAfter(5, HIGHEST)).isEqualTo(Duration.ofMillis(7500));
  }

  @Test
  void jitteredDelaysStayWithinBoundsAndSpreadOut() {
    RetryPolicy policy = RetryPolicy.DEFAULT;
    SplittableRandom random = new SplittableRandom(42);
    Set<Duration> seen = new HashSet<>();

    for (int attempt = 1; attempt <= 12; attempt++) {
      long full = Math.min(1000L << (attempt - 1), 600_000L);
      for (int i = 0; i < 200; i++) {
        Duration delay = policy.delayAfter(attempt, random);
        assertThat(delay.toMillis()).isBetween(Math.round(full * 0.8), full);
        seen.add(delay);
      }
    }
    assertThat(seen).hasSizeGreaterThan(1000);
  }

  @Test
  void withDoublingAndAFifthOfJitterEveryDelayIsLongerThanAnyBeforeIt() {
    for (int attempt = 1; attempt < 10; attempt++) {
      assertThat(RetryPolicy.DEFAULT.delayAfter(attempt + 1, HIGHEST))
          .isGreaterThan(RetryPolicy.DEFAULT.delayAfter(attempt, LOWEST));
    }
  }

  @Test
  void delayIsAtLeastOneMillisecond() {
    RetryPolicy tiny = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1), 1.0, 0.9, Set.of());

    assertThat(tiny.delayAfter(1, HIGHEST)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void hugeDelaysAreRefusedRatherThanOverflowingLater() {
    assertBad(() -> NO_JITTER.withDelays(Duration.ofSeconds(1), Duration.ofDays(366)),
        "maxDelay must be initialDelay (PT1S) to 365d, was PT8784H");
    assertThat(NO_JITTER.withDelays(Duration.ofSeconds(1), RetryPolicy.MAX_DELAY).delayAfter(1_000, HIGHEST))
        .isEqualTo(RetryPolicy.MAX_DELAY);
  }

  @Test
  void everySettingHasAnUpperBound() {
    assertBad(() -> NO_JITTER.withMaxAttempts(10_001), "maxAttempts must be 1 to 10000, was 10001");
    assertBad(() -> NO_JITTER.withMaxAttempts(Integer.MAX_VALUE), "maxAttempts must be 1 to 10000, was 2147483647");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofDays(366), Duration.ofDays(366)),
        "initialDelay must be 1ms to 365d, was PT8784H");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofSeconds(1), Duration.ofSeconds(Long.MAX_VALUE)),
        "maxDelay must be initialDelay (PT1S) to 365d");
    assertBad(() -> NO_JITTER.withMultiplier(10.5), "multiplier must be 1.0 to 10.0, was 10.5");
  }

  @Test
  void theUpperBoundsThemselvesAreAcceptedAndGiveDelaysThatDoNotOverflow() {
    RetryPolicy widest = new RetryPolicy(RetryPolicy.MAX_ATTEMPTS, RetryPolicy.MAX_DELAY, RetryPolicy.MAX_DELAY,
        RetryPolicy.MAX_MULTIPLIER, 0.999, Set.of());
    RetryPolicy fastestGrowth = widest.withDelays(Duration.ofMillis(1), RetryPolicy.MAX_DELAY);

    assertThat(widest.delayAfter(RetryPolicy.MAX_ATTEMPTS, LOWEST)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(fastestGrowth.delayAfter(RetryPolicy.MAX_ATTEMPTS, LOWEST)).isEqualTo(RetryPolicy.MAX_DELAY);
    assertThat(fastestGrowth.delayAfter(RetryPolicy.MAX_ATTEMPTS, HIGHEST)).isPositive();
    assertThat(fastestGrowth.retries(RetryPolicy.MAX_ATTEMPTS - 1, new IOException())).isTrue();
  }

  @Test
  void retriesUntilMaxAttemptsHaveBeenMade() {
    IOException error = new IOException("timeout");

    assertThat(NO_JITTER.retries(1, error)).isTrue();
    assertThat(NO_JITTER.retries(4, error)).isTrue();
    assertThat(NO_JITTER.retries(5, error)).isFalse();
    assertThat(NO_JITTER.retries(6, error)).isFalse();
  }

  @Test
  void oneMaxAttemptMeansNoRetry() {
    assertThat(NO_JITTER.withMaxAttempts(1).retries(1, new IOException())).isFalse();
  }

  @Test
  void nonRetryableExceptionsAndTheirSubtypesAreNeverRetried() {
    class Rejected extends NonRetryableException {
      Rejected() {
        super("rejected for good");
      }
    }

    assertThat(NO_JITTER.retries(1, new NonRetryableException("bad"))).isFalse();
    assertThat(NO_JITTER.retries(1, new Rejected())).isFalse();
    assertThat(NO_JITTER.isNonRetryable(new Rejected())).isTrue();
  }

  @Test
  void configuredTypesAndTheirSubtypesAreNeverRetried() {
    RetryPolicy policy = NO_JITTER.withNonRetryable(Set.of(IllegalArgumentException.class));

    assertThat(policy.retries(1, new IllegalArgumentException())).isFalse();
    assertThat(policy.retries(1, new NumberFormatException())).isFalse();
    assertThat(policy.retries(1, new IllegalStateException())).isTrue();
    assertThat(policy.retries(1, new UncheckedIOException(new IOException()))).isTrue();
  }

  @Test
  void aCauseDoesNotMakeAnErrorNonRetryable() {
    assertThat(NO_JITTER.retries(1, new RuntimeException(new NonRetryableException("inner")))).isTrue();
  }

  @Test
  void withersChangeOneSettingAndKeepTheRest() {
    RetryPolicy base = RetryPolicy.DEFAULT;

    assertThat(base.withMaxAttempts(3))
        .isEqualTo(new RetryPolicy(3, base.initialDelay(), base.maxDelay(), 2.0, 0.2, Set.of()));
    assertThat(base.withDelays(Duration.ofMillis(10), Duration.ofSeconds(1)))
        .isEqualTo(new RetryPolicy(10, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, 0.2, Set.of()));
    assertThat(base.withMultiplier(3.0).multiplier()).isEqualTo(3.0);
    assertThat(base.withJitter(0.0).jitter()).isZero();
    assertThat(base.withNonRetryable(Set.of(IOException.class)).nonRetryable()).containsExactly(IOException.class);
    assertThat(base).isEqualTo(RetryPolicy.DEFAULT);
  }

  @Test
  void keepsACopyOfTheNonRetryableTypes() {
    Set<Class<? extends Throwable>> types = new HashSet<>(Set.of(IOException.class));
    RetryPolicy policy = NO_JITTER.withNonRetryable(types);

    types.add(IllegalStateException.class);

    assertThat(policy.nonRetryable()).containsExactly(IOException.class);
  }

  @Test
  void rejectsBadSettingsNamingTheProperty() {
    assertBad(() -> NO_JITTER.withMaxAttempts(0), "maxAttempts must be 1 to 10000, was 0");
    assertBad(() -> NO_JITTER.withDelays(Duration.ZERO, Duration.ofSeconds(1)), "initialDelay must be 1ms to 365d, was PT0S");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofNanos(1), Duration.ofSeconds(1)), "initialDelay must be 1ms to 365d");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofSeconds(-1), Duration.ofSeconds(1)), "initialDelay must be 1ms to 365d");
    assertBad(() -> NO_JITTER.withDelays(null, Duration.ofSeconds(1)), "initialDelay must be 1ms to 365d, was null");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofSeconds(2), Duration.ofSeconds(1)),
        "maxDelay must be initialDelay (PT2S) to 365d, was PT1S");
    assertBad(() -> NO_JITTER.withDelays(Duration.ofSeconds(1), null), "maxDelay must be initialDelay (PT1S) to 365d, was null");
    assertBad(() -> NO_JITTER.withMultiplier(0.5), "multiplier must be 1.0 to 10.0, was 0.5");
    assertBad(() -> NO_JITTER.withMultiplier(Double.NaN), "multiplier must be 1.0 to 10.0, was NaN");
    assertBad(() -> NO_JITTER.withMultiplier(Double.POSITIVE_INFINITY), "multiplier must be 1.0 to 10.0, was Infinity");
    assertBad(() -> NO_JITTER.withJitter(-0.1), "jitter must be in [0, 1), was -0.1");
    assertBad(() -> NO_JITTER.withJitter(1.0), "jitter must be in [0, 1), was 1.0");
    assertBad(() -> NO_JITTER.withJitter(Double.NaN), "jitter must be in [0, 1), was NaN");
    assertBad(() -> NO_JITTER.withNonRetryable(null), "nonRetryable must not be null");
    Set<Class<? extends Throwable>> withNull = new HashSet<>();
    withNull.add(null);
    assertBad(() -> NO_JITTER.withNonRetryable(withNull), "nonRetryable must not contain null");
  }

  private static void assertBad(Runnable build, String message) {
    assertThatThrownBy(build::run).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
  }
}
