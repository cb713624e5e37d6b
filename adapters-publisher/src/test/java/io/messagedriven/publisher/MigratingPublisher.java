package io.messagedriven.publisher;

import io.messagedriven.jdbi.PostgresStore;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A process for {@link MigrationCrashIT}: starts a store that migrates (with a slow changelog of
 * its own), then publishes, appending every handled event's id to a file, until killed.
 */
public final class MigratingPublisher {
  private MigratingPublisher() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path log = Path.of(args[1]);
    System.out.println("migrating");
    try (FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        PostgresStore store = PostgresStore.builder().jdbcUrl(url).changelog("slow-migration/changelog.xml").build();
        Publisher publisher = Publisher.builder()
            .outbox(store.outbox())
            .signals(store.signals())
            .pollInterval(Duration.ofMillis(100))
            .handler(event -> {
              synchronized (out) {
                out.write(ByteBuffer.wrap((event.id() + "\n").getBytes(StandardCharsets.US_ASCII)));
              }
            })
            .build()) {
      publisher.start();
      System.out.println("started " + publisher.owner());
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}
