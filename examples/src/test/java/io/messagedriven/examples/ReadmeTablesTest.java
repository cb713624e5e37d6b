package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.domain.TenantId;
import io.messagedriven.publisher.MessageHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README's tables say what the code does: the headers every message carries, the flags of MessagePublisher. */
class ReadmeTablesTest {
  private static final Path README = Path.of("../README.md");

  @Test
  void theHeaderTableListsEveryStandardHeaderAMessageCarries() throws IOException {
    Event handedOut = Event.raise(TenantId.random(), "User", "u-1", "User.created", "{}", Instant.now()).withSequence(7);
    Set<String> sent = new LinkedHashSet<>(MessageHeaders.of(handedOut).keySet());
    sent.add(MessageHeaders.CONTENT_TYPE);

    assertThat(codeCells(section("| header | value |"))).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void everyMessagePublisherFlagIsInTheReadme() throws IOException {
    String readme = Files.readString(README);
    String section = readme.substring(readme.indexOf("## Run the publisher out of band"), readme.indexOf("## Tenancy"));
    List<String> flags = new CommandLine(new MessagePublisher()).getCommandSpec().options().stream()
        .map(OptionSpec::longestName)
        .filter(name -> !name.equals("--help") && !name.equals("--version"))
        .toList();

    assertThat(flags).hasSizeGreaterThan(40).allSatisfy(flag -> assertThat(section).contains("`" + flag));
  }

  /** The lines of the table that starts with {@code header}, up to the first line that is not a row. */
  private static List<String> section(String header) throws IOException {
    List<String> lines = Files.readAllLines(README);
    int start = lines.indexOf(header);
    assertThat(start).as("table %s", header).isNotNegative();
    return lines.subList(start + 2, lines.size()).stream().takeWhile(line -> line.startsWith("|")).toList();
  }

  /** The first cell of each row when it is one code span, such as {@code | `event-id` | ...}. */
  private static List<String> codeCells(List<String> rows) {
    Pattern code = Pattern.compile("^\\| `([^`]+)` \\|");
    return rows.stream().map(code::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
  }
}
