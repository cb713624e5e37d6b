package io.messagedriven.examples;

import io.messagedriven.application.port.BatchEventHandler;
import io.messagedriven.domain.Event;
import io.messagedriven.domain.EventId;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A handler adapter of your own, in the style of the library's: it appends each event to a
 * Redis list with nothing but a socket, sending the whole batch before reading any reply
 * (pipelining), and counts an event published only once Redis answered its {@code RPUSH}.
 */
// tag::adapter[]
public final class RedisListHandler implements BatchEventHandler {
  private final InetSocketAddress redis;
  private final String list;

  public RedisListHandler(String host, int port, String list) {
    this.redis = new InetSocketAddress(host, port);
    this.list = list;
  }

  @Override
  public Map<EventId, Exception> handleAll(List<Event> events) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(redis, 2_000);                // refused or down: the batch is retried
      socket.setSoTimeout(5_000);                  // no answer: the batch is retried
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      for (Event event : events) {                 // 1. send every event...
        String message = "{\"id\":\"" + event.id() + "\",\"name\":\"" + event.name()
            + "\",\"payload\":" + event.payload() + "}";
        command(out, "RPUSH", list, message);
      }
      out.flush();
      BufferedReader replies = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      Map<EventId, Exception> failures = new HashMap<>();
      for (Event event : events) {                 // 2. ...then await every acknowledgement
        String reply = replies.readLine();         // ":<length of the list>" or "-ERR ..."
        if (reply == null || !reply.startsWith(":")) {
          failures.put(event.id(), new IOException("Redis did not take " + event.id() + ": " + reply));
        }
      }
      return failures;                             // absent from the map = published
    }
  }

  private static void command(OutputStream out, String... parts) throws IOException {
    out.write(("*" + parts.length + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String part : parts) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      out.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
  }
}
// end::adapter[]
