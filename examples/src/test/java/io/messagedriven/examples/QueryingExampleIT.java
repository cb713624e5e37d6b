package io.messagedriven.examples;

import io.messagedriven.jdbi.user.PostgresUsers;
import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.tenant.CreateTenant;
import io.messagedriven.application.tenant.CreateTenantCommand;
import io.messagedriven.application.user.CreateUser;
import io.messagedriven.application.user.CreateUserCommand;
import io.messagedriven.domain.Tenant;
import io.messagedriven.jdbi.PostgresStore;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class QueryingExampleIT {

  @Test
  void readmeSampleListsTheTenantsUsersAndAdasHistory() {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (PostgresStore store = TestDatabase.freshStore()) {
      Clock clock = Clock.systemUTC();
      Tenant acme = new CreateTenant(store.transactions(), clock).handle(new CreateTenantCommand("acme", "Acme"));
      CreateUser createUser = new CreateUser(store.transactions(), new PostgresUsers(), clock);
      for (int i = 0; i < 150; i++) {
        createUser.handle(CreateUserCommand.of(acme.id(), "user" + i + "@example.com", "User " + i));
      }
      createUser.handle(CreateUserCommand.of(acme.id(), "ada@example.com", "Ada Lovelace"));

      QueryingExample.run(store, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    String printed = output.toString(StandardCharsets.UTF_8);
    assertThat(printed.lines().filter(line -> line.contains("@example.com"))).hasSize(151);
    assertThat(printed).contains("ada@example.com Ada Lovelace").contains("User.created PENDING after 0 attempt(s)");
  }
}
