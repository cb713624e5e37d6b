package io.messagedriven.publisher.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/** A JDK HttpServer on 127.0.0.1 that records every request and answers the status it is told. */
final class WebhookReceiver implements AutoCloseable {
  /**
   * One request as received: headers with lowercase names (the first value of each; {@code
   * x-repeated} names those sent more than once), and the raw body.
   */
  record Request(Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile long delayMillis;

  WebhookReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    server.createContext("/hook", this::receive);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/hook";
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Answers {@code status} from now on. */
  void answer(int status) {
    this.status = status;
  }

  /** Waits this long before answering. */
  void delay(long millis) {
    this.delayMillis = millis;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests answered 2xx: the ones the sender counts as delivered. */
  List<Request> accepted() {
    return requests.stream().filter(request -> request.headers().containsKey("x-answered-2xx")).toList();
  }

  private void receive(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> repeated = new ArrayList<>();
    exchange.getRequestHeaders().forEach((name, values) -> {
      headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
      if (values.size() > 1) {
        repeated.add(name);
      }
    });
    if (!repeated.isEmpty()) {
      headers.put("x-repeated", String.join(",", repeated));
    }
    headers.put("x-method", exchange.getRequestMethod());
    int answer = status;
    if (answer >= 200 && answer < 300) {
      headers.put("x-answered-2xx", "true");
    }
    requests.add(new Request(headers, body));
    try {
      Thread.sleep(delayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.sendResponseHeaders(answer, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
