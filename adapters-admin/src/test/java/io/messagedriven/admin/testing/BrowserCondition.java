package io.messagedriven.admin.testing;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a test marked {@link RequiresBrowser} only when Chromium and its driver are installed;
 * otherwise skips it with one line, or fails it when {@value #REQUIRE_VARIABLE} is {@code true}
 * (when the variable is not set, the system property {@value #REQUIRE_PROPERTY} decides), as the
 * publisher module's {@code ServerCondition} does for servers.
 */
public final class BrowserCondition implements ExecutionCondition {
  public static final String REQUIRE_VARIABLE = "MESSAGE_DRIVEN_REQUIRE_SERVERS";
  public static final String REQUIRE_PROPERTY = "messagedriven.requireServers";
  static final String HOW_TO_INSTALL = "apt-get install -y chromium chromium-driver";

  private final boolean required;
  private final List<Path> programs;
  private final PrintStream log;

  /** The condition JUnit creates: Debian's programs, required or not as the environment says. */
  public BrowserCondition() {
    this(required(System.getenv(REQUIRE_VARIABLE), System.getProperty(REQUIRE_PROPERTY)),
        List.of(Browser.CHROMIUM, Browser.CHROMEDRIVER), System.out);
  }

  BrowserCondition(boolean required, List<Path> programs, PrintStream log) {
    this.required = required;
    this.programs = programs;
    this.log = log;
  }

  /** Whether the variable, or when it is not set the system property, is {@code true}. */
  static boolean required(String variable, String property) {
    return Boolean.parseBoolean((variable != null ? variable : property == null ? "" : property).strip());
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String test = context.getTestClass().map(Class::getSimpleName).orElse(context.getDisplayName())
        + context.getTestMethod().map(method -> "." + method.getName()).orElse("");
    return evaluate(test);
  }

  ConditionEvaluationResult evaluate(String test) {
    String missing = programs.stream().filter(program -> !Files.isExecutable(program))
        .map(Path::toString).collect(Collectors.joining(" and "));
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("Chromium and its driver are installed");
    }
    String problem = missing + (missing.contains(" and ") ? " are" : " is") + " not installed (install with: "
        + HOW_TO_INSTALL + ")";
    if (required) {
      throw new AssertionFailedError(problem + "; " + REQUIRE_VARIABLE + "=true makes that a failure");
    }
    String line = "SKIPPED " + test + ": " + problem;
    log.println(line);
    return ConditionEvaluationResult.disabled(line);
  }
}
