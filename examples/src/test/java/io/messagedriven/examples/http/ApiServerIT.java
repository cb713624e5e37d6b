package io.messagedriven.examples.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.UserQueries;
import io.messagedriven.domain.Tenant;
import io.messagedriven.domain.user.UserId;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import io.messagedriven.jdbi.user.PostgresUsers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The seed's HTTP API over a real socket, with the JDK's HttpClient, on a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "application/problem+json";

  private final HttpClient client = HttpClient.newHttpClient();
  private String jdbcUrl;
  private PostgresStore store;
  private ApiServer server;
  private Tenant acme;
  private Tenant globex;

  @BeforeAll
  void start() {
    jdbcUrl = TestDatabase.freshUrl();
    store = PostgresStore.builder().changelog(PostgresUsers.CHANGELOG).jdbcUrl(jdbcUrl).build();
    CreateTenant createTenant = new CreateTenant(store.transactions(), Clock.systemUTC());
    acme = createTenant.handle(new CreateTenantCommand("acme", "Acme"));
    globex = createTenant.handle(new CreateTenantCommand("globex", "Globex"));
    server = ApiServer.start(store, new InetSocketAddress("127.0.0.1", 0));
  }

  @AfterAll
  void stop() {
    server.close();
    store.close();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    sql("delete from message_driven.events");
    sql("delete from message_driven.users");
  }

  @Test
  void postCreatesTheUserAndItsEventAndAnswers201WithTheUserAndItsLocation() throws Exception {
    HttpResponse<String> response = post("acme", "{\"email\": \"Ada@Example.com\", \"name\": \"Ada Lovelace\"}");

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode user = JSON.readTree(response.body());
    assertThat(user.get("email").asText()).isEqualTo("Ada@example.com");
    assertThat(user.get("name").asText()).isEqualTo("Ada Lovelace");
    assertThat(user.get("tenantId").asText()).isEqualTo(acme.id().toString());
    assertThat(response.headers().firstValue("Location")).hasValue("/api/tenants/acme/users/" + user.get("id").asText());
    assertThat(new UserQueries(store.transactions(), new PostgresUsers())
        .findById(acme.id(), UserId.parse(user.get("id").asText()))).isPresent();
    assertThat(count("select count(*) from message_driven.events where name = 'User.created'")).isEqualTo(1);
  }

  @Test
  void theCorrelationIdHeaderIsKeptWithTheEvent() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
        .header("Content-Type", "application/json").header("X-Correlation-Id", "request-42")
        .POST(BodyPublishers.ofString("{\"email\": \"ada@example.com\", \"name\": \"Ada\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(count("select count(*) from message_driven.events where headers->>'correlation-id' = 'request-42'")).isEqualTo(1);
  }

  @Test
  void aDuplicateEmailIs409IgnoringCaseAndWritesNothing() throws Exception {
    post("acme", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}");

    HttpResponse<String> response = post("acme", "{\"email\": \"ADA@example.com\", \"name\": \"Ada again\"}");

    assertProblem(response, 409, "urn:message-driven:problem:duplicate-email");
    assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo("email");
    assertThat(rows()).isEqualTo(List.of(1L, 1L));
  }

  @Test
  void theSameEmailInAnotherTenantIsAnotherUser() throws Exception {
    post("acme", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}");

    assertThat(post("globex", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}").statusCode()).isEqualTo(201);
  }

  @ParameterizedTest
  @ValueSource(strings = {"initech", "Not-A-Slug", "x%20y"})
  void anUnknownTenantIs404AndWritesNothing(String slug) throws Exception {
    HttpResponse<String> response = post(slug, "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}");

    assertProblem(response, 404, "urn:message-driven:problem:unknown-tenant");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"email\": \"not-an-email\", \"name\": \"Ada\"}|email",
      "{\"name\": \"Ada\"}|email",
      "{\"email\": null, \"name\": \"Ada\"}|email",
      "{\"email\": 42, \"name\": \"Ada\"}|email",
      "{\"email\": \"ada@example.com\"}|name",
      "{\"email\": \"ada@example.com\", \"name\": \"   \"}|name",
      "{\"email\": \"ada@example.com\", \"name\": \"Ada\\u0000\"}|name",
      "{\"email\": \"ada@example.com\", \"name\": [\"Ada\"]}|name",
      "{\"email\": \"ada@example.com\", \"name\": \"Ada\", \"admin\": true}|admin",
      "[\"ada@example.com\", \"Ada\"]|",
      "\"ada@example.com\"|"})
  void invalidInputIs422NamingTheFieldAndWritesNothing(String bodyAndField) throws Exception {
    String[] parts = bodyAndField.split("\\|", -1);

    HttpResponse<String> response = post("acme", parts[0]);

    assertProblem(response, 422, "urn:message-driven:problem:invalid-value");
    JsonNode problem = JSON.readTree(response.body());
    if (parts[1].isEmpty()) {
      assertThat(problem.has("field")).isFalse();
    } else {
      assertThat(problem.get("field").asText()).isEqualTo(parts[1]);
    }
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @Test
  void anOversizedNameIs422() throws Exception {
    HttpResponse<String> response = post("acme", "{\"email\": \"ada@example.com\", \"name\": \"" + "a".repeat(201) + "\"}");

    assertProblem(response, 422, "urn:message-driven:problem:invalid-value");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{", "not json", "{\"email\": \"a@example.com\", \"name\": \"A\"} {}",
      "{\"email\": \"a@example.com\", \"email\": \"b@example.com\", \"name\": \"A\"}", "", "{'email': 'a@example.com'}"})
  void malformedJsonIs400AndWritesNothing(String body) throws Exception {
    HttpResponse<String> response = post("acme", body);

    assertProblem(response, 400, "urn:message-driven:problem:malformed-json");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @Test
  void bytesThatAreNotUtf8Are400() throws Exception {
    byte[] body = "{\"email\": \"a@example.com\", \"name\": \"A\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(body)));

    assertProblem(response, 400, "urn:message-driven:problem:malformed-json");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
      "application/jsonx"})
  void aBodyThatIsNotDeclaredJsonIs415AndWritesNothing(String contentType) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofString("{\"email\": \"ada@example.com\", \"name\": \"Ada\"}")));

    assertProblem(response, 415, "urn:message-driven:problem:unsupported-media-type");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @Test
  void aBodyWithoutContentTypeIs415() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
        .POST(BodyPublishers.ofString("{\"email\": \"ada@example.com\", \"name\": \"Ada\"}")));

    assertProblem(response, 415, "urn:message-driven:problem:unsupported-media-type");
  }

  @Test
  void jsonWithItsUtf8CharsetIsAccepted() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
        .header("Content-Type", "Application/JSON; charset=\"UTF-8\"")
        .POST(BodyPublishers.ofString("{\"email\": \"zoe@example.com\", \"name\": \"Zoë\"}")));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).get("name").asText()).isEqualTo("Zoë");
  }

  @Test
  void aBodyOver64KibIs413AndWritesNothing() throws Exception {
    String body = "{\"email\": \"ada@example.com\", \"name\": \"Ada\", \"pad\": \"" + "x".repeat(70_000) + "\"}";

    HttpResponse<String> response = post("acme", body);

    assertProblem(response, 413, "urn:message-driven:problem:body-too-large");
    assertThat(rows()).isEqualTo(List.of(0L, 0L));
  }

  @Test
  void getReadsOneUserById() throws Exception {
    String id = id(post("acme", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));

    HttpResponse<String> response = get("/api/tenants/acme/users/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("email").asText()).isEqualTo("ada@example.com");
  }

  @Test
  void aUserOfAnotherTenantIsNotFound() throws Exception {
    String id = id(post("acme", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}"));

    assertProblem(get("/api/tenants/globex/users/" + id), 404, "urn:message-driven:problem:user-not-found");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/tenants/acme/users/00000000-0000-0000-0000-000000000001",
      "/api/tenants/acme/users/not-a-uuid"})
  void anUnknownOrMalformedIdIs404(String path) throws Exception {
    assertProblem(get(path), 404, "urn:message-driven:problem:user-not-found");
  }

  @Test
  void getByEmailFindsTheUserIgnoringCase() throws Exception {
    post("acme", "{\"email\": \"ada@example.com\", \"name\": \"Ada\"}");

    JsonNode found = JSON.readTree(get("/api/tenants/acme/users?email=" + encode("ADA@example.com")).body());
    JsonNode none = JSON.readTree(get("/api/tenants/acme/users?email=" + encode("bob@example.com")).body());

    assertThat(found.get("items")).hasSize(1);
    assertThat(found.get("items").get(0).get("name").asText()).isEqualTo("Ada");
    assertThat(none.get("items")).isEmpty();
  }

  @Test
  void anInvalidEmailInTheQueryIs422() throws Exception {
    assertProblem(get("/api/tenants/acme/users?email=nope"), 422, "urn:message-driven:problem:invalid-value");
  }

  @Test
  void pagesWalkEveryUserOnceInCreationOrder() throws Exception {
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      created.add(id(post("acme", "{\"email\": \"user" + i + "@example.com\", \"name\": \"User " + i + "\"}")));
    }

    List<String> seen = new ArrayList<>();
    HttpResponse<String> response = get("/api/tenants/acme/users?limit=2");
    int pages = 1;
    JsonNode page = JSON.readTree(response.body());
    page.get("items").forEach(user -> seen.add(user.get("id").asText()));
    while (!page.get("next").isNull()) {
      assertThat(response.headers().firstValue("Link")).hasValue("<" + page.get("next").asText() + ">; rel=\"next\"");
      response = get(page.get("next").asText());
      page = JSON.readTree(response.body());
      page.get("items").forEach(user -> seen.add(user.get("id").asText()));
      pages++;
    }

    assertThat(seen).isEqualTo(created);
    assertThat(pages).isEqualTo(3);
    assertThat(page.get("nextCursor").isNull()).isTrue();
  }

  @Test
  void theCursorIsPassedBackInAfter() throws Exception {
    for (int i = 0; i < 3; i++) {
      post("acme", "{\"email\": \"user" + i + "@example.com\", \"name\": \"User " + i + "\"}");
    }
    String cursor = JSON.readTree(get("/api/tenants/acme/users?limit=1").body()).get("nextCursor").asText();

    JsonNode second = JSON.readTree(get("/api/tenants/acme/users?limit=1&after=" + encode(cursor)).body());

    assertThat(second.get("items").get(0).get("email").asText()).isEqualTo("user1@example.com");
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0|limit", "limit=1001|limit", "limit=abc|limit", "limit=-1|limit",
      "after=not-a-cursor|cursor", "after=|cursor", "email=ada%40example.com&limit=2|email"})
  void aBadPageRequestIs422NamingTheParameter(String queryAndField) throws Exception {
    String[] parts = queryAndField.split("\\|");

    HttpResponse<String> response = get("/api/tenants/acme/users?" + parts[0]);

    assertProblem(response, 422, "urn:message-driven:problem:invalid-value");
    assertThat(JSON.readTree(response.body()).get("field").asText()).isEqualTo(parts[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sort=name", "limit=1&limit=2", "email=a%40example.com&email=b%40example.com"})
  void anUnknownOrRepeatedQueryParameterIs400(String query) throws Exception {
    HttpResponse<String> response = get("/api/tenants/acme/users?" + query);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
  }

  @Test
  void aMethodThePathDoesNotTakeIs405WithAllow() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/tenants/acme/users")).DELETE());

    assertProblem(response, 405, "urn:message-driven:problem:method-not-allowed");
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/api", "/api/tenants/acme", "/api/tenants/acme/orders", "/api/tenants/acme/users/1/x"})
  void aPathOutsideTheApiIs404(String path) throws Exception {
    assertProblem(get(path), 404, "urn:message-driven:problem:not-found");
  }

  @Test
  void aProblemCarriesItsStatusTitleDetailAndInstance() throws Exception {
    JsonNode problem = JSON.readTree(post("initech", "{\"email\": \"a@example.com\", \"name\": \"A\"}").body());

    assertThat(problem.get("status").asInt()).isEqualTo(404);
    assertThat(problem.get("title").asText()).isEqualTo("Unknown tenant");
    assertThat(problem.get("detail").asText()).isEqualTo("there is no tenant initech");
    assertThat(problem.get("instance").asText()).isEqualTo("/api/tenants/initech/users");
  }

  @Test
  void concurrentRequestsForOneEmailCreateOneUser() throws Exception {
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      responses.add(client.sendAsync(HttpRequest.newBuilder(uri("/api/tenants/acme/users"))
          .header("Content-Type", "application/json")
          .POST(BodyPublishers.ofString("{\"email\": \"race@example.com\", \"name\": \"Racer\"}")).build(),
          BodyHandlers.ofString()));
    }
    Set<Integer> statuses = new HashSet<>();
    int created = 0;
    for (var response : responses) {
      int status = response.get().statusCode();
      statuses.add(status);
      created += status == 201 ? 1 : 0;
    }

    assertThat(created).isEqualTo(1);
    assertThat(statuses).containsOnly(201, 409);
    assertThat(rows()).isEqualTo(List.of(1L, 1L));
  }

  private HttpResponse<String> post(String slug, String body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri("/api/tenants/" + slug + "/users"))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(server.uri() + path);
  }

  private static String id(HttpResponse<String> created) throws IOException {
    assertThat(created.statusCode()).isEqualTo(201);
    return JSON.readTree(created.body()).get("id").asText();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asText()).isEqualTo(type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asText()).isNotBlank();
  }

  /** How many users and events the database holds. */
  private List<Long> rows() throws SQLException {
    return List.of(count("select count(*) from message_driven.users"), count("select count(*) from message_driven.events"));
  }

  private long count(String query) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }

  private void sql(String statement) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl); Statement run = connection.createStatement()) {
      run.execute(statement);
    }
  }
}
