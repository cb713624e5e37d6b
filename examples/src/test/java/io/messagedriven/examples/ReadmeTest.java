package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The README's code samples are the tagged regions of compiled example sources, verbatim. */
class ReadmeTest {
  private static final Path ROOT = Path.of("..");
  private static final Path SOURCES = Path.of("src/main/java/io/messagedriven/examples");
  /** The Spring Boot sample's sources, in module examples/spring-boot, relative to {@link #SOURCES}. */
  private static final String SPRING_BOOT = "../../../../../../spring-boot/src/main/java/io/messagedriven/examples/spring/";

  @ParameterizedTest
  @CsvSource({"EmbeddingExample.java, embed", "WelcomeEmailHandler.java, handler", "QueryingExample.java, query",
      "RedisListHandler.java, adapter", "BrokerTargetsExample.java, rabbitmq", "BrokerTargetsExample.java, kafka",
      "BrokerTargetsExample.java, nats", "BrokerTargetsExample.java, webhook", "BrokerTargetsExample.java, compose",
      "service/ExistingServiceExample.java, jdbc", "service/ExistingServiceExample.java, jdbi",
      SPRING_BOOT + "SignupService.java, transactional", SPRING_BOOT + "WelcomeHandler.java, handler",
      "ObservabilityExample.java, metrics", "ObservabilityExample.java, tracing",
      "OperationsExample.java, operations", "DashboardExample.java, dashboard"})
  void readmeShowsTheCompiledSample(String file, String tag) throws IOException {
    String source = Files.readString(SOURCES.resolve(file));
    Matcher region = Pattern.compile("// tag::" + tag + "\\[]\n(.*?)\n[ ]*// end::" + tag + "\\[]", Pattern.DOTALL)
        .matcher(source);
    assertThat(region.find()).as("tag %s in %s", tag, file).isTrue();
    String sample = dedent(region.group(1));

    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("```java\n" + sample + "\n```");
  }

  private static String dedent(String text) {
    int indent = text.lines().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    return text.lines().map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
        .reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
