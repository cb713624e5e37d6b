package io.messagedriven.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admin command line as a real {@code java} process: its exit code and JSON, and no terminal to ask on. */
class AdminCliProcessIT {

  record Exited(int code, String out, String err) {}

  @Test
  void runsAsAProcessPrintsJsonAndRefusesToDeleteWithoutATerminal() throws Exception {
    String url = TestDatabase.freshUrl();
    PostgresStore.builder().jdbcUrl(url).build().close();

    Exited status = java("--jdbc-url", url, "status", "--json");
    Exited purge = java("--jdbc-url", url, "purge", "--older-than", "7d");

    assertThat(status.code()).as(status.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(status.out());
    assertThat(json.at("/total/pending").asLong()).isZero();
    assertThat(json.get("tenants").isArray()).isTrue();
    assertThat(purge.code()).isEqualTo(ExitCodes.NOT_CONFIRMED);
    assertThat(purge.err()).contains("--yes");
  }

  private static Exited java(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(AdminCli.class.getName());
    command.addAll(List.of(args));
    File out = File.createTempFile("admin-out", ".txt");
    File err = File.createTempFile("admin-err", ".txt");
    Process process = new ProcessBuilder(command).redirectOutput(out).redirectError(err)
        .redirectInput(ProcessBuilder.Redirect.PIPE).start();
    process.getOutputStream().close();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the admin CLI did not exit");
    }
    return new Exited(process.exitValue(), java.nio.file.Files.readString(out.toPath(), StandardCharsets.UTF_8),
        java.nio.file.Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
