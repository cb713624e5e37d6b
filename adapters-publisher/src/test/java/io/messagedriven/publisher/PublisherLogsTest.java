package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.application.port.ClaimedEvent;
import io.messagedriven.application.port.StoreException;
import io.messagedriven.domain.EventId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a running publisher writes to the log (slf4j-simple, on stderr, at WARN) while its database is down. */
class PublisherLogsTest {

  @Test
  void aDatabaseThatIsDownIsOneWarnLinePerRetryNamingTheCauseWithoutAStackTrace() throws Exception {
    AtomicInteger claims = new AtomicInteger();
    EmptyOutbox down = new EmptyOutbox() {
      @Override
      public List<ClaimedEvent> claim(String owner, int limit, Duration lease, Collection<EventId> skip) {
        claims.incrementAndGet();
        throw new StoreException("claiming events: the database is down, unreachable or dropped the connection: "
            + "Connection to 127.0.0.1:1 refused",
            new SQLException("Connection to 127.0.0.1:1 refused", "08001", new ConnectException("Connection refused")));
      }
    };
    Publisher publisher = Publisher.builder().outbox(down).handler(event -> { }).name("logs-test")
        .pollInterval(Duration.ofMillis(10)).build();

    String log = stderrWhile(() -> {
      publisher.start();
      Await.until("four failed claims", Duration.ofSeconds(10), () -> claims.get() >= 4);
      publisher.stop(Duration.ofSeconds(5));
    });

    List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
    List<String> retries = lines.stream().filter(line -> line.contains(publisher.owner() + " cannot claim")).toList();
    assertThat(retries).hasSizeGreaterThanOrEqualTo(3).allSatisfy(line -> assertThat(line)
        .contains("WARN", "retrying in ", " ms: claiming events: the database is down",
            "(cause: ConnectException: Connection refused)")
        .doesNotContain("StoreException"));
    assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by")
        || line.contains("StoreException") || line.contains("SQLException"));
  }

  private static String stderrWhile(ThrowingRunnable work) throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(original);
    }
    String text = captured.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
