package io.messagedriven.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.messagedriven.application.operations.Operations;
import org.junit.jupiter.api.Test;

class DashboardBuilderTest {
  private final Operations operations = new Operations(new RecordingOperations());

  @Test
  void listensOnTheLoopbackAddressByDefaultWithAGeneratedToken() {
    try (Dashboard dashboard = Dashboard.builder().operations(operations).port(0).build()) {
      dashboard.start();

      assertThat(dashboard.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(dashboard.loginUri().getPath()).isEqualTo("/login");
      assertThat(dashboard.token()).hasSizeGreaterThanOrEqualTo(40).matches("[A-Za-z0-9_-]+");
    }
  }

  @Test
  void twoDashboardsGenerateTwoTokens() {
    String first = Dashboard.builder().operations(operations).build().token();

    assertThat(Dashboard.builder().operations(operations).build().token()).isNotEqualTo(first);
  }

  @Test
  void operationsAreRequired() {
    assertThatThrownBy(() -> Dashboard.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("operations is required");
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingIt() {
    assertThatThrownBy(() -> Dashboard.builder().operations(operations).port(65_536).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be 0 to 65535, was 65536");
  }

  @Test
  void aShortTokenIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> Dashboard.builder().operations(operations).token("secret").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessage("token must be 16 to 512 characters, was 6")
        .message().doesNotContain("secret");
  }

  @Test
  void aTokenWithSpacesOrControlCharactersIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> Dashboard.builder().operations(operations).token("a token with spaces in it").build())
        .isInstanceOf(IllegalArgumentException.class).message().startsWith("token must be printable ASCII")
        .doesNotContain("spaces in it");
  }

  @Test
  void aBindAddressThatIsNoAddressIsRefusedNamingIt() {
    assertThatThrownBy(() -> Dashboard.builder().operations(operations).bindAddress("no-such-host.invalid").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bindAddress must be an address of this machine, was no-such-host.invalid");
  }

  @Test
  void aDashboardThatIsNotStartedHasNoAddressYet() {
    Dashboard dashboard = Dashboard.builder().operations(operations).build();

    assertThatThrownBy(dashboard::uri).isInstanceOf(IllegalStateException.class).hasMessage("the dashboard is not started");
  }
}
