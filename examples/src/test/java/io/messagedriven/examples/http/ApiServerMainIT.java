package io.messagedriven.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiServerMainIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void servesTheApiAndTheDashboardOnTheDatabaseGivenWithItsTenantUntilStopped() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> run(stop,
        "--jdbc-url", TestDatabase.freshUrl(), "--port", "0", "--tenant", "initech", "--dashboard-port", "0"));
    URI users = servedAt();

    HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(users)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"ada@example.com\", \"name\": \"Ada\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    stop.countDown();

    assertThat(users.getPath()).isEqualTo("/api/tenants/initech/users");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(code.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Dashboard on http://127.0.0.1:", "Dashboard token: ");
  }

  @Test
  void aBadFlagExits2WithOneLine() {
    int code = run(new CountDownLatch(0), "--port", "70000");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: --port must be 0 to 65535, was 70000; usage:")
        .hasLineCount(1);
  }

  @Test
  void aMalformedTenantSlugExits2() {
    assertThat(run(new CountDownLatch(0), "--tenant", "Not A Slug")).isEqualTo(2);
  }

  private int run(CountDownLatch stop, String... args) {
    try {
      return ApiServerMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8), stop);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The users' URL the program prints once it serves. */
  private URI servedAt() throws InterruptedException {
    Pattern serving = Pattern.compile("Serving the HTTP API on (\\S+)");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Matcher matcher = serving.matcher(out.toString(StandardCharsets.UTF_8));
      if (matcher.find()) {
        return URI.create(matcher.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the server did not start: " + out + err);
  }
}
