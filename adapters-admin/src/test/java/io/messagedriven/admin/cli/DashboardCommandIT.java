package io.messagedriven.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dashboard --port} as an operator runs it: a {@code java} process serving until SIGTERM. */
class DashboardCommandIT {
  private static final Pattern SERVING = Pattern.compile("Dashboard on (http://\\S+/)");
  private static final Pattern GENERATED = Pattern.compile("Log in with the token (\\S+),");
  private static String url;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void database() {
    url = TestDatabase.freshUrl();
    PostgresStore.builder().jdbcUrl(url).build().close();
  }

  @Test
  void servesTheDashboardGuardedByTheTokenOfTheFileUntilStopped(@TempDir Path dir) throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), "a-token-from-a-file-0123\n");
    Process process = start(Map.of(), "--jdbc-url", url, "dashboard", "--port", "0", "--token-file", tokenFile.toString());
    try {
      BlockingQueue<String> lines = lines(process);
      URI dashboard = URI.create(await(lines, SERVING));

      assertThat(get(dashboard.resolve("api/status"), null).statusCode()).isEqualTo(401);
      assertThat(get(dashboard.resolve("api/status"), "a-token-from-a-file-0123").statusCode()).isEqualTo(200);
      assertThat(dashboard.getHost()).isEqualTo("127.0.0.1");
      assertThat(String.join("\n", lines)).doesNotContain("a-token-from-a-file");
    } finally {
      process.destroy(); // SIGTERM, as Ctrl-C
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void withoutATokenMakesOneAndPrintsIt() throws Exception {
    Process process = start(Map.of(), "--jdbc-url", url, "dashboard", "--port", "0");
    try {
      BlockingQueue<String> lines = lines(process);
      URI dashboard = URI.create(await(lines, SERVING));
      String token = await(lines, GENERATED);

      assertThat(token).hasSizeGreaterThanOrEqualTo(40);
      assertThat(get(dashboard.resolve("api/status"), token).statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theTokenOfTheEnvironmentGuardsIt() throws Exception {
    Process process = start(Map.of(DashboardCommand.TOKEN_VARIABLE, "a-token-from-the-environment"),
        "--jdbc-url", url, "dashboard", "--port", "0");
    try {
      URI dashboard = URI.create(await(lines(process), SERVING));

      assertThat(get(dashboard.resolve("api/status"), "a-token-from-the-environment").statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
    }
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aBadPortOrAShortTokenExits2WithOneLine(@TempDir Path dir) throws Exception {
    Path shortToken = Files.writeString(dir.resolve("token"), "short");

    Process badPort = start(Map.of(), "--jdbc-url", url, "dashboard", "--port", "70000");
    Process badToken = start(Map.of(), "--jdbc-url", url, "dashboard", "--port", "0", "--token-file", shortToken.toString());

    assertThat(badPort.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(badToken.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(badPort.exitValue()).isEqualTo(ExitCodes.USAGE);
    assertThat(new String(badPort.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("error: port must be 0 to 65535, was 70000");
    assertThat(badToken.exitValue()).isEqualTo(ExitCodes.USAGE);
    assertThat(new String(badToken.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("error: token must be 16 to 512 characters, was 5").doesNotContain("short");
  }

  private HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Process start(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), AdminCli.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove(DashboardCommand.TOKEN_VARIABLE);
    builder.environment().putAll(environment);
    Process process = builder.start();
    process.getOutputStream().close();
    return process;
  }

  /** The process's standard output, line by line, as it comes. */
  private static BlockingQueue<String> lines(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          lines.add(line);
        }
      } catch (IOException ended) {
        // the process is gone
      }
    }, "dashboard-stdout");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  /** The first group of the first line matching {@code pattern}, waiting up to a minute. */
  private static String await(BlockingQueue<String> lines, Pattern pattern) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline) {
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line != null) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    }
    throw new AssertionError("no line matched " + pattern);
  }
}
