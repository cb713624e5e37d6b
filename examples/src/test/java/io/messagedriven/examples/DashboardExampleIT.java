package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.admin.dashboard.Dashboard;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DashboardExampleIT {

  @Test
  void theEmbeddedDashboardServesTheStoresStatusToItsTokenOnly() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    HttpClient client = HttpClient.newHttpClient();
    try (PostgresStore store = TestDatabase.freshStore();
        Dashboard dashboard = DashboardExample.start(store, 0, "an-embedded-dashboard-token",
            new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      HttpRequest.Builder status = HttpRequest.newBuilder(dashboard.uri().resolve("api/status"));

      HttpResponse<String> allowed = client.send(status.copy().header("Authorization", "Bearer an-embedded-dashboard-token")
          .build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> refused = client.send(status.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(allowed.statusCode()).isEqualTo(200);
      assertThat(allowed.body()).contains("\"pending\":0");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Dashboard on http://127.0.0.1:", "/login");
    }
  }
}
