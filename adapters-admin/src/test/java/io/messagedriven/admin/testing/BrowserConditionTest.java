package io.messagedriven.admin.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.AssertionFailedError;

class BrowserConditionTest {
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private static final Path ABSENT = Path.of("/nonexistent/chromium");
  private static final Path PRESENT = Path.of("/bin/sh");

  @Test
  void installedProgramsLetTheTestRunAndPrintNothing() {
    ConditionEvaluationResult result = new BrowserCondition(true, List.of(PRESENT), log).evaluate("PageIT");

    assertThat(result.isDisabled()).isFalse();
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMissingProgramSkipsTheTestWithOneLineSayingHowToInstallIt() {
    ConditionEvaluationResult result = new BrowserCondition(false, List.of(PRESENT, ABSENT), log).evaluate("PageIT");

    String line = "SKIPPED PageIT: /nonexistent/chromium is not installed (install with: "
        + "apt-get install -y chromium chromium-driver)";
    assertThat(result.getReason()).hasValue(line);
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo(line + System.lineSeparator());
  }

  @Test
  void aMissingProgramFailsTheTestWhenServersAreRequired() {
    assertThatThrownBy(() -> new BrowserCondition(true, List.of(ABSENT, Path.of("/nonexistent/chromedriver")), log)
        .evaluate("PageIT"))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessage("/nonexistent/chromium and /nonexistent/chromedriver are not installed (install with: "
            + "apt-get install -y chromium chromium-driver); MESSAGE_DRIVEN_REQUIRE_SERVERS=true makes that a failure");
  }

  @Test
  void theVariableRequiresTheBrowserAndTheSystemPropertyStandsInWhenItIsNotSet() {
    assertThat(BrowserCondition.required(null, null)).isFalse();
    assertThat(BrowserCondition.required(" true ", "false")).isTrue();
    assertThat(BrowserCondition.required("false", "true")).isFalse();
    assertThat(BrowserCondition.required(null, "true")).isTrue();
  }
}
