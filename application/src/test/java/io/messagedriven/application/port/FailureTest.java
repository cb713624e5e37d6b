package io.messagedriven.application.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void keepsTheClassTheMessageAndTheStackTrace() {
    Failure failure = Failure.of(new IOException("read timed out"));

    assertThat(failure.errorClass()).isEqualTo("java.io.IOException");
    assertThat(failure.message()).isEqualTo("read timed out");
    assertThat(failure.stackTrace()).startsWith("java.io.IOException: read timed out").contains("\tat ");
  }

  @Test
  void anErrorWithoutAMessageGetsItsSimpleClassName() {
    Failure failure = Failure.of(new ConnectException());

    assertThat(failure.errorClass()).isEqualTo("java.net.ConnectException");
    assertThat(failure.message()).isEqualTo("ConnectException");
  }

  @Test
  void anErrorWithoutAMessageGetsItsCausesMessageToo() {
    IOException withoutMessage = new IOException((String) null);
    withoutMessage.initCause(new ConnectException("Connection refused: localhost/127.0.0.1:5672"));

    assertThat(Failure.of(withoutMessage).message())
        .isEqualTo("IOException (cause: Connection refused: localhost/127.0.0.1:5672)");
  }

  @Test
  void theFirstCauseWithAMessageIsTheOneShown() {
    IllegalStateException outer = new IllegalStateException(" ");
    outer.initCause(new UncheckedIOException(null, new SocketTimeoutException("Read timed out")));

    assertThat(Failure.of(outer).message()).isEqualTo("IllegalStateException (cause: Read timed out)");
  }

  @Test
  void anAnonymousErrorClassIsNamedByItsBinaryName() {
    RuntimeException anonymous = new RuntimeException() {};

    assertThat(Failure.of(anonymous).message()).isEqualTo(anonymous.getClass().getName()).isNotBlank();
  }

  @Test
  void aMessageIsCutAndMadeStorable() {
    Failure failure = Failure.of(new IOException("a\u0000b\ud800c" + "x".repeat(3_000)));

    assertThat(failure.message()).hasSize(Failure.MAX_MESSAGE).startsWith("a\ufffdb\ufffdc");
  }
}
