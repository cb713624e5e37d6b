package io.messagedriven.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.operations.Operations;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who gets in and who may change anything, over HTTP with the JDK's client. */
class DashboardGuardTest {
  private static final String TOKEN = "a-token-of-the-right-length";
  private static final String EVENT = "/api/events/" + UUID.randomUUID() + "/requeue";

  private final RecordingOperations port = new RecordingOperations();
  private final HttpClient client = HttpClient.newHttpClient();
  private Dashboard dashboard;
  private String origin;

  @BeforeEach
  void start() {
    dashboard = Dashboard.builder().operations(new Operations(port)).port(0).token(TOKEN).build();
    dashboard.start();
    origin = "http://127.0.0.1:" + dashboard.uri().getPort();
  }

  @AfterEach
  void stop() {
    dashboard.close();
  }

  @Test
  void aRequestWithoutTheTokenIsRefusedWith401() throws Exception {
    HttpResponse<String> response = send(request("/api/status"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value -> assertThat(value).startsWith("Bearer"));
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).doesNotContain("pending");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer wrong-token-of-some-length", "Bearer ", "Basic YTpi", "Bearer a-token-of-the-right-lengtH"})
  void aWrongTokenIsRefusedWith401(String authorization) throws Exception {
    assertThat(send(request("/api/status").header("Authorization", authorization)).statusCode()).isEqualTo(401);
  }

  @Test
  void theTokenAsBearerReadsTheStatus() throws Exception {
    HttpResponse<String> response = send(bearer("/api/status"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"pending\":3", "\"published\":5", "\"slug\":\"acme\"");
  }

  @Test
  void thePageWithoutASessionSendsTheBrowserToTheLogin() throws Exception {
    HttpResponse<String> response = send(request("/"));

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/login");
  }

  @Test
  void theLoginTradesTheTokenForAnHttpOnlyStrictSessionCookieThatOpensThePage() throws Exception {
    String cookie = login(TOKEN);

    HttpResponse<String> page = send(request("/").header("Cookie", cookie));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<title>message-driven");
    assertThat(send(request("/api/status").header("Cookie", cookie)).statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongTokenAtTheLoginOpensNoSession() throws Exception {
    HttpResponse<String> response = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(BodyPublishers.ofString("token=not-the-token-at-all")));

    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/login?failed");
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aLoginFromAnotherOriginIsRefused() throws Exception {
    HttpResponse<String> response = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", "http://evil.example").POST(BodyPublishers.ofString("token=" + TOKEN)));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void aChangeWithTheTokenTheCsrfHeaderAndItsOwnOriginIsDone() throws Exception {
    HttpResponse<String> response = send(bearer(EVENT).header(Dashboard.CSRF_HEADER, "1").header("Origin", origin)
        .POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"changed\":1");
    assertThat(port.changes).hasSize(1);
  }

  @Test
  void aScriptWithTheTokenNeedsNoOriginButTheCsrfHeader() throws Exception {
    assertThat(send(bearer(EVENT).header(Dashboard.CSRF_HEADER, "1").POST(BodyPublishers.noBody())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aChangeWithoutTheTokenIsRefusedWith401AndChangesNothing() throws Exception {
    HttpResponse<String> response = send(request(EVENT).header(Dashboard.CSRF_HEADER, "1").header("Origin", origin)
        .POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(port.changes).isEmpty();
  }

  @Test
  void aChangeWithoutTheCsrfHeaderIsRefusedWith403AndChangesNothing() throws Exception {
    HttpResponse<String> response = send(bearer(EVENT).header("Origin", origin).POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains(Dashboard.CSRF_HEADER);
    assertThat(port.changes).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://evil.example", "http://127.0.0.1:1", "null", "https://127.0.0.1"})
  void aChangeFromAnotherOriginIsRefusedWith403EvenWithASession(String from) throws Exception {
    String cookie = login(TOKEN);

    HttpResponse<String> response = send(request(EVENT).header("Cookie", cookie).header(Dashboard.CSRF_HEADER, "1")
        .header("Origin", from).POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(port.changes).isEmpty();
  }

  @Test
  void aChangeWithASessionButNoOriginIsRefusedWith403() throws Exception {
    String cookie = login(TOKEN);

    HttpResponse<String> response = send(request(EVENT).header("Cookie", cookie).header(Dashboard.CSRF_HEADER, "1")
        .POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(port.changes).isEmpty();
  }

  @Test
  void aChangeFetchedFromAnotherSiteIsRefusedWith403() throws Exception {
    HttpResponse<String> response = send(bearer(EVENT).header(Dashboard.CSRF_HEADER, "1").header("Origin", origin)
        .header("Sec-Fetch-Site", "cross-site").POST(BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(port.changes).isEmpty();
  }

  @Test
  void aPauseWithASessionTheHeaderAndItsOwnOriginPausesTheTenant() throws Exception {
    String cookie = login(TOKEN);

    HttpResponse<String> response = send(request("/api/tenants/acme/pause").header("Cookie", cookie)
        .header(Dashboard.CSRF_HEADER, "1").header("Origin", origin).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString("{\"reason\": \"deploying\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(port.changes).containsExactly("pause " + RecordingOperations.ACME.id() + " deploying");
  }

  @Test
  void theLogoutEndsTheSession() throws Exception {
    String cookie = login(TOKEN);

    send(request("/logout").header("Cookie", cookie).header(Dashboard.CSRF_HEADER, "1").header("Origin", origin)
        .POST(BodyPublishers.noBody()));

    assertThat(send(request("/api/status").header("Cookie", cookie)).statusCode()).isEqualTo(401);
  }

  @Test
  void everyResponseForbidsInlineScriptsFramingAndSniffing() throws Exception {
    for (HttpResponse<String> response : new HttpResponse[] {send(request("/login")), send(request("/api/status"))}) {
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'", "frame-ancestors 'none'"));
      assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
  }

  @Test
  void anUnknownEventIs404AndAMalformedIdIs422() throws Exception {
    assertThat(send(bearer("/api/events/" + UUID.randomUUID())).statusCode()).isEqualTo(404);
    assertThat(send(bearer("/api/events/not-an-id")).statusCode()).isEqualTo(422);
  }

  @Test
  void aBadFilterIs422NamingIt() throws Exception {
    HttpResponse<String> response = send(bearer("/api/events?status=LOST"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("\"field\":\"status\"");
  }

  private String login(String token) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
        .header("Origin", origin).POST(BodyPublishers.ofString("token=" + token)));
    assertThat(response.statusCode()).isEqualTo(303);
    assertThat(response.headers().firstValue("Location")).hasValue("/");
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/");
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(origin + path));
  }

  private HttpRequest.Builder bearer(String path) {
    return request(path).header("Authorization", "Bearer " + TOKEN);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), BodyHandlers.ofString());
  }
}
