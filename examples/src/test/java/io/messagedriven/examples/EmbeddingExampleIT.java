package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.user.User;
import io.messagedriven.jdbi.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EmbeddingExampleIT {

  @Test
  void readmeSampleCreatesAUserAndItsHandlerWelcomesIt() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();

    User ada = EmbeddingExample.run(TestDatabase.freshUrl(), new PrintStream(output, true, StandardCharsets.UTF_8));

    assertThat(output.toString(StandardCharsets.UTF_8))
        .startsWith("welcome ")
        .contains("\"userId\":\"" + ada.id() + "\"");
  }
}
