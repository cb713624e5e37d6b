package io.messagedriven.examples.bench;

import io.messagedriven.application.port.EventHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A target of the benchmark: the library's adapter for it, and the same messages sent with the
 * client directly (pipelined, acknowledged) as the baseline. Each owns the exchange, topic,
 * stream or server it made, and removes it on close.
 */
abstract class BenchTarget implements AutoCloseable {

  abstract String name();

  /** The adapter the outbox is drained to. */
  abstract EventHandler handler();

  /** Sends messages {@code from} to {@code from + size - 1} of one window and awaits their acknowledgements. */
  abstract void sendWindow(int from, int size) throws Exception;

  /**
   * Sends {@code count} messages with the client directly, from {@code threads} threads, each
   * awaiting the acknowledgements of a window of {@code window} messages before the next;
   * returns messages per second.
   */
  double direct(int count, int threads, int window) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long started = System.nanoTime();
      List<Future<?>> senders = new ArrayList<>();
      int share = (count + threads - 1) / threads;
      for (int t = 0; t < threads; t++) {
        int first = t * share;
        int last = Math.min(count, first + share);
        senders.add(pool.submit(() -> {
          for (int from = first; from < last; from += window) {
            sendWindow(from, Math.min(window, last - from));
          }
          return null;
        }));
      }
      for (Future<?> sender : senders) {
        sender.get();
      }
      return count / ((System.nanoTime() - started) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  /** The body of direct message {@code i}: a payload like the outbox's. */
  static byte[] body(int i) {
    return ("{\"userId\":\"direct-" + i + "\",\"email\":\"user" + i + "@example.com\",\"name\":\"User " + i + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Headers like the adapters' for direct message {@code i}. */
  static Map<String, String> headers(int i, String id) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("event-id", id);
    headers.put("tenant-id", "00000000-0000-0000-0000-000000000000");
    headers.put("aggregate-type", "User");
    headers.put("aggregate-id", "direct-" + i);
    headers.put("event-name", "User.created");
    headers.put("occurred-at", Instant.now().toString());
    headers.put("correlation-id", "corr-direct-" + i);
    return headers;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  @Override
  public abstract void close() throws Exception;
}
