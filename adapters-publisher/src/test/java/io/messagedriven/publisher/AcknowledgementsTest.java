package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.EventId;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {
  private final EventId acked = EventId.random();
  private final EventId refused = EventId.random();
  private final EventId silent = EventId.random();
  private final EventId unsendable = EventId.random();

  @Test
  void reportsEachUnacknowledgedEventWithItsCause() throws InterruptedException {
    Acknowledgements acks = new Acknowledgements();
    acks.expect(acked, CompletableFuture.completedFuture("ok"));
    acks.expect(refused, CompletableFuture.failedFuture(new CompletionException(new IOException("nacked"))));
    acks.expect(silent, new CompletableFuture<>());
    acks.fail(unsendable, new IllegalArgumentException("too large"));

    var failures = acks.await(Duration.ofMillis(50));

    assertThat(acks.size()).isEqualTo(4);
    assertThat(failures).containsOnlyKeys(refused, silent, unsendable);
    assertThat(failures.get(refused)).isInstanceOf(IOException.class).hasMessage("nacked");
    assertThat(failures.get(silent)).isInstanceOf(TimeoutException.class).hasMessageContaining("PT0.05S");
    assertThat(failures.get(unsendable)).hasMessage("too large");
  }

  @Test
  void allAcknowledgedMeansNoFailures() throws InterruptedException {
    Acknowledgements acks = new Acknowledgements();
    acks.expect(acked, CompletableFuture.completedFuture(null));
    assertThat(acks.await(Duration.ofSeconds(1))).isEmpty();
  }
}
