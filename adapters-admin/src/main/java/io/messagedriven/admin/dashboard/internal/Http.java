package io.messagedriven.admin.dashboard.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request to the dashboard and its response, with the headers every response carries. */
final class Http {
  static final int MAX_BODY_BYTES = 16 * 1024;
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  /** No inline script or style, nothing from elsewhere, no framing: markup injected by data could not run. */
  private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpExchange exchange;

  Http(HttpExchange exchange) {
    this.exchange = exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  String header(String name) {
    return exchange.getRequestHeaders().getFirst(name);
  }

  /** The query's parameters, decoded; a repeated one keeps its first value. */
  Map<String, String> query() {
    return form(exchange.getRequestURI().getRawQuery());
  }

  /** {@code name=value&...} decoded; a malformed escape is a refusal. */
  static Map<String, String> form(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    try {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        values.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    } catch (IllegalArgumentException e) {
      throw new Refusal(400, "Malformed query", "a %-escape is malformed");
    }
    return values;
  }

  /** The body, at most {@value #MAX_BODY_BYTES} bytes (413 beyond). */
  String body() {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new Refusal(413, "Body too large", "the body is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body as a JSON object; an empty body is an empty object. */
  JsonNode jsonBody() {
    String body = body();
    if (body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(body);
      if (!node.isObject()) {
        throw new Refusal(400, "Malformed JSON", "the body is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Refusal(400, "Malformed JSON", "the body is not well-formed JSON");
    }
  }

  void header(String name, String value) {
    exchange.getResponseHeaders().add(name, value);
  }

  void json(int status, Object body) {
    try {
      send(status, "application/json", JSON.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An RFC 9457 problem detail. */
  void problem(int status, String title, String detail, String field) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", "about:blank");
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("instance", path());
    if (field != null) {
      json.put("field", field);
    }
    try {
      send(status, "application/problem+json", JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  void redirect(String location) {
    header("Location", location);
    send(303, null, new byte[0]);
  }

  void send(int status, String contentType, byte[] body) {
    try {
      var headers = exchange.getResponseHeaders();
      if (contentType != null) {
        headers.set("Content-Type", contentType);
      }
      headers.set("Cache-Control", "no-store");
      headers.set("X-Content-Type-Options", "nosniff");
      headers.set("X-Frame-Options", "DENY");
      headers.set("Referrer-Policy", "same-origin"); // "no-referrer" would make a browser send Origin: null
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
      headers.set("Cross-Origin-Resource-Policy", "same-origin");
      headers.set("Content-Security-Policy", POLICY);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      exchange.close();
    }
  }

  /** Ends a request with a problem detail. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String title;
    final String field;

    Refusal(int status, String title, String detail) {
      this(status, title, detail, null);
    }

    Refusal(int status, String title, String detail, String field) {
      super(detail, null, false, false);
      this.status = status;
      this.title = title;
      this.field = field;
    }
  }
}
