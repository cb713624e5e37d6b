package io.messagedriven.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.messagedriven.domain.Event;
import io.messagedriven.publisher.testing.OutboxFixture;
import io.messagedriven.publisher.testing.RequiresServer;
import io.messagedriven.publisher.testing.TcpForwarder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The README's own adapter, against this machine's Redis on 127.0.0.1:6379. */
@RequiresServer(name = "Redis", port = 6379, howToRun = "redis-server --port 6379")
class RedisListHandlerIT {
  private static final Pattern ID = Pattern.compile("^\\{\"id\":\"([^\"]+)\"");
  private final String list = "md-test-" + UUID.randomUUID();

  @AfterEach
  void deleteList() throws IOException {
    redis("DEL", list);
  }

  @Test
  void appendsEveryEventInOrderPerAggregate() throws Exception {
    try (OutboxFixture outbox = OutboxFixture.create()) {
      List<Event> events = outbox.append(5, 4);
      outbox.publish(new RedisListHandler("127.0.0.1", 6379, list));
      outbox.awaitPublished(events, Duration.ofSeconds(20));

      List<String> stored = redis("LRANGE", list, "0", "-1");
      OutboxFixture.assertAllInOrderPerAggregate(events, stored.stream().map(RedisListHandlerIT::idOf).toList());
      assertThat(stored.get(0)).endsWith("\"payload\":" + OutboxFixture.byId(events).get(idOf(stored.get(0))).payload() + "}");
    }
  }

  @Test
  void redisDownLeavesEventsPendingUntilItIsBack() throws Exception {
    try (OutboxFixture outbox = OutboxFixture.create(); TcpForwarder door = TcpForwarder.start(6379)) {
      door.stop();
      List<Event> events = outbox.append(3, 2);
      outbox.publish(new RedisListHandler("127.0.0.1", door.port(), list));
      outbox.awaitRetries(3, Duration.ofSeconds(15));
      assertThat(outbox.countPublished(events)).isZero();

      door.resume();
      outbox.awaitPublished(events, Duration.ofSeconds(20));
      OutboxFixture.assertAllInOrderPerAggregate(events,
          redis("LRANGE", list, "0", "-1").stream().map(RedisListHandlerIT::idOf).toList());
    }
  }

  private static String idOf(String message) {
    Matcher id = ID.matcher(message);
    assertThat(id.find()).as(message).isTrue();
    return id.group(1);
  }

  /** Runs one command; returns the bulk strings of an array reply, or the one line of any other. */
  private static List<String> redis(String... command) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
      for (String part : command) {
        request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
      }
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String first = in.readLine();
      List<String> values = new ArrayList<>();
      if (!first.startsWith("*")) {
        values.add(first);
        return values;
      }
      int count = Integer.parseInt(first.substring(1));
      for (int i = 0; i < count; i++) {
        in.readLine(); // $<length>; payloads here are one line each
        values.add(in.readLine());
      }
      return values;
    }
  }
}
