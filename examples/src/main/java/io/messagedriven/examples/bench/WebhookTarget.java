package io.messagedriven.examples.bench;

import com.sun.net.httpserver.HttpServer;
import io.messagedriven.application.port.EventHandler;
import io.messagedriven.publisher.webhook.WebhookHandler;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/** A webhook: a JDK HttpServer in this process that answers 204 to every POST. */
final class WebhookTarget extends BenchTarget {
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final HttpServer server;
  private final URI url;
  private final WebhookHandler handler;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Semaphore concurrency = new Semaphore(32);

  WebhookTarget() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    server.createContext("/hook", exchange -> {
      try (InputStream body = exchange.getRequestBody()) {
        body.readAllBytes();
      }
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    server.setExecutor(executor);
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    handler = WebhookHandler.builder().url(url.toString()).secret("bench-secret").build();
  }

  @Override
  String name() {
    return "webhook";
  }

  @Override
  EventHandler handler() {
    return handler;
  }

  @Override
  void sendWindow(int from, int size) throws Exception {
    List<CompletableFuture<HttpResponse<Void>>> answers = new ArrayList<>(size);
    for (int i = from; i < from + size; i++) {
      concurrency.acquire();
      HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(body(i)));
      headers(i, id()).forEach(request::header);
      CompletableFuture<HttpResponse<Void>> answer = client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
      answer.whenComplete((response, error) -> concurrency.release());
      answers.add(answer);
    }
    for (CompletableFuture<HttpResponse<Void>> answer : answers) {
      int status = answer.get().statusCode();
      if (status / 100 != 2) {
        throw new IllegalStateException("webhook answered " + status);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
