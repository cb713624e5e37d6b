package io.messagedriven.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.messagedriven.jdbi.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample service, running on a random port: real HTTP requests, real PostgreSQL, the event reaches the handler. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UsersApplicationIT {
  private static final String URL = TestDatabase.freshUrl();
  private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
  }

  @LocalServerPort
  int port;

  @Autowired
  WelcomeHandler welcome;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aSignupOverHttpCommitsTheUserAndItsRowAndTheHandlerWelcomesIt() throws Exception {
    String email = "ada-" + UUID.randomUUID() + "@example.com";

    HttpResponse<String> response = post("{\"email\":\"" + email + "\",\"name\":\"Ada Lovelace\",\"source\":\"web\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    Matcher id = ID.matcher(response.body());
    assertThat(id.find()).as(response.body()).isTrue();
    String user = id.group(1);
    assertThat(count("select count(*) from message_driven.users where id = '" + user + "'")).isEqualTo(1);
    assertThat(count("select count(*) from signups where user_id = '" + user + "'")).isEqualTo(1);
    await().atMost(Duration.ofSeconds(15)).until(() -> welcome.welcomed().contains(user));
  }

  @Test
  void aSignupTheServicesOwnTableRefusesRollsBackTheUserAndItsEventToo() throws Exception {
    String email = "grace-" + UUID.randomUUID() + "@example.com";
    long events = count("select count(*) from message_driven.events");

    HttpResponse<String> refused = post("{\"email\":\"" + email + "\",\"name\":\"Grace\",\"source\":\""
        + "a-source-longer-than-twenty-characters\"}");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(count("select count(*) from message_driven.users where email = '" + email + "'")).isZero();
    assertThat(count("select count(*) from message_driven.events")).isEqualTo(events);
    assertThat(post("{\"email\":\"" + email + "\",\"name\":\"Grace\"}").statusCode()).isEqualTo(201);
  }

  @Test
  void badInputIsABadRequestAndWritesNothing() throws Exception {
    long users = count("select count(*) from message_driven.users");

    HttpResponse<String> response = post("{\"email\":\"not an email\",\"name\":\"Nobody\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("email");
    assertThat(count("select count(*) from message_driven.users")).isEqualTo(users);
  }

  @Test
  void actuatorReportsTheOutboxHealthy() throws Exception {
    HttpResponse<String> health = http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body())
        .containsPattern("\"messageDriven\":\\{\"details\":\\{[^}]*\"publisher\":\"running\"[^}]*},\"status\":\"UP\"}");
  }

  @Test
  void actuatorShowsTheOutboxMetersCountingAPublication() throws Exception {
    String email = "grace-" + UUID.randomUUID() + "@example.com";
    assertThat(post("{\"email\":\"" + email + "\",\"name\":\"Grace Hopper\",\"source\":\"web\"}").statusCode())
        .isEqualTo(201);

    await().atMost(Duration.ofSeconds(15)).until(() -> get("/actuator/metrics/message_driven.published?tag=event:User.created")
        .body().matches("(?s).*\"statistic\":\"COUNT\",\"value\":[1-9].*"));
    HttpResponse<String> lag = get("/actuator/metrics/message_driven.lag");
    assertThat(lag.statusCode()).as(lag.body()).isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String json) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/users"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static long count(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(URL);
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    }
  }
}
