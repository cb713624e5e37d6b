package io.messagedriven.publisher;

import io.messagedriven.jdbi.PostgresStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A publisher process for {@link PublisherCrashIT}: publishes the database's outbox, appending
 * the id of every event it handles to a file (one write per line, so a SIGKILL never leaves half
 * a line), until it is killed.
 */
public final class CrashablePublisher {
  private CrashablePublisher() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path log = Path.of(args[1]);
    try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        PostgresStore store = PostgresStore.builder().jdbcUrl(url).migrate(false).build()) {
      Publisher publisher = Publisher.builder()
          .outbox(store.outbox())
          .name("crashable")
          .lease(Duration.ofSeconds(2))
          .batchSize(100)
          .workers(4)
          .pollInterval(Duration.ofMillis(100))
          .handler(event -> {
            write(out, event.id() + "\n");
            Thread.sleep(0, 200_000);
          })
          .build();
      publisher.start();
      System.out.println("started " + publisher.owner());
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  private static void write(FileChannel out, String line) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
    synchronized (out) {
      out.write(bytes);
    }
  }
}
