package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderChecksTest {

  @Test
  void aNumberOutsideItsBoundsIsRefusedNamingTheSettingTheBoundsAndTheValue() {
    assertThatThrownBy(() -> BuilderChecks.requireBetween("workers", 1_001, 1, 1_000))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("workers must be 1 to 1000, was 1001");
    assertThatThrownBy(() -> BuilderChecks.requireBetween("workers", 0, 1, 1_000))
        .hasMessage("workers must be 1 to 1000, was 0");
    assertThatCode(() -> BuilderChecks.requireBetween("workers", 1_000, 1, 1_000)).doesNotThrowAnyException();
    assertThatCode(() -> BuilderChecks.requireBetween("workers", 1, 1, 1_000)).doesNotThrowAnyException();
  }

  @Test
  void aDurationOutsideItsBoundsIsRefusedWithTheBoundsWrittenShort() {
    assertThatThrownBy(() -> BuilderChecks.requireBetween("timeout", Duration.ofDays(2), Duration.ofMillis(10), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be 10ms to 1d, was PT48H");
    assertThatThrownBy(() -> BuilderChecks.requireBetween("timeout", null, Duration.ZERO, Duration.ofHours(1)))
        .hasMessage("timeout must be 0s to 1h, was null");
    assertThatCode(() -> BuilderChecks.requireBetween("timeout", Duration.ofDays(1), Duration.ZERO, Duration.ofDays(1)))
        .doesNotThrowAnyException();
  }

  @Test
  void aNameOutsideLettersDigitsDotsUnderscoresAndDashesOrTooLongIsRefusedNamingTheSetting() {
    assertThatThrownBy(() -> BuilderChecks.requireName("target", "rabbit mq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target must be 1 to 64 letters, digits, '.', '_' or '-', was rabbit mq");
    assertThatThrownBy(() -> BuilderChecks.requireName("target", "")).hasMessageEndingWith("was ");
    assertThatThrownBy(() -> BuilderChecks.requireName("target", null)).hasMessageEndingWith("was null");
    assertThatThrownBy(() -> BuilderChecks.requireName("target", "x".repeat(65))).hasMessageStartingWith("target must be");
    assertThatCode(() -> BuilderChecks.requireName("target", "x".repeat(64))).doesNotThrowAnyException();
    assertThatCode(() -> BuilderChecks.requireName("target", "billing-webhook_2.eu")).doesNotThrowAnyException();
  }

  @Test
  void durationsAreWrittenInTheirLargestWholeUnit() {
    assertThat(BuilderChecks.shown(Duration.ZERO)).isEqualTo("0s");
    assertThat(BuilderChecks.shown(Duration.ofMillis(10))).isEqualTo("10ms");
    assertThat(BuilderChecks.shown(Duration.ofMillis(1_500))).isEqualTo("1500ms");
    assertThat(BuilderChecks.shown(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(BuilderChecks.shown(Duration.ofMinutes(5))).isEqualTo("5min");
    assertThat(BuilderChecks.shown(Duration.ofHours(36))).isEqualTo("36h");
    assertThat(BuilderChecks.shown(Duration.ofDays(3_650))).isEqualTo("3650d");
    assertThat(BuilderChecks.shown(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
  }
}
