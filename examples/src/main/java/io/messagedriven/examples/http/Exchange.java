package io.messagedriven.examples.http;

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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One request and its response: the path, the query, a JSON body read strictly, JSON written. */
final class Exchange {
  /** The largest request body read; a larger one is refused with 413. */
  static final int MAX_BODY_BYTES = 64 * 1024;
  /** How much of a body over {@link #MAX_BODY_BYTES} is read and dropped before the 413 is sent. */
  private static final long MAX_DRAINED_BYTES = 1024 * 1024;

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private final HttpExchange http;

  Exchange(HttpExchange http) {
    this.http = http;
  }

  String method() {
    return http.getRequestMethod();
  }

  /** The request's path, decoded, as sent. */
  String path() {
    return http.getRequestURI().getPath();
  }

  /** The decoded path's segments, without empty ones: {@code /api/tenants/acme} is {@code [api, tenants, acme]}. */
  List<String> segments() {
    return Arrays.stream(path().split("/")).filter(segment -> !segment.isEmpty()).toList();
  }

  /**
   * The query's parameters, decoded; a parameter given twice, one not in {@code known}, or a
   * malformed escape is refused with 400.
   */
  Map<String, String> query(Set<String> known) {
    String raw = http.getRequestURI().getRawQuery();
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (!known.contains(name)) {
        throw badRequest("unknown-parameter", "Unknown query parameter",
            "the query parameter \"" + name + "\" is not one of " + String.join(", ", known.stream().sorted().toList()))
            .about(name).refusal();
      }
      if (values.put(name, value) != null) {
        throw badRequest("repeated-parameter", "Repeated query parameter",
            "the query parameter \"" + name + "\" is given more than once").about(name).refusal();
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw badRequest("malformed-query", "Malformed query", "the query has a malformed %-escape").refusal();
    }
  }

  String header(String name) {
    return http.getRequestHeaders().getFirst(name);
  }

  /**
   * The body as one JSON value, in UTF-8: refused with 415 unless it is declared {@code
   * application/json} (charset UTF-8 if one is named) and not encoded, 413 when it is larger than
   * {@value #MAX_BODY_BYTES} bytes, and 400 when it is empty or not well-formed JSON (trailing
   * data, duplicate keys and bytes that are not UTF-8 included).
   */
  JsonNode jsonBody() {
    requireJsonContent();
    byte[] body = body();
    if (body.length == 0) {
      throw badRequest("malformed-json", "Malformed JSON", "the body is empty; send a JSON object").refusal();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw badRequest("malformed-json", "Malformed JSON", "the body is not well-formed JSON: "
          + e.getOriginalMessage()).refusal();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void requireJsonContent() {
    String type = header("Content-Type");
    String encoding = header("Content-Encoding");
    if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
      throw unsupported("the body is encoded as \"" + encoding + "\"; send it unencoded").refusal();
    }
    if (type == null) {
      throw unsupported("the request has no Content-Type; send application/json").refusal();
    }
    String[] parts = type.split(";");
    if (!parts[0].strip().equalsIgnoreCase("application/json")) {
      throw unsupported("the Content-Type is \"" + type + "\"; send application/json").refusal();
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equalsIgnoreCase("charset")
          && !(parameter.length == 2 && parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
        throw unsupported("the Content-Type is \"" + type + "\"; JSON is read in UTF-8 only").refusal();
      }
    }
  }

  private byte[] body() {
    String length = header("Content-Length");
    try (InputStream in = http.getRequestBody()) {
      if (length != null && length.strip().matches("[0-9]{1,18}") && Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
        throw tooLarge(in);
      }
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge(in);
      }
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The 413 refusal, after reading and dropping up to {@value #MAX_DRAINED_BYTES} more bytes of
   * the body: a server that answers while the client is still sending and closes the connection
   * with unread data makes the client's side reset, and the client never sees the answer. Beyond
   * that much the connection is closed anyway.
   */
  private RuntimeException tooLarge(InputStream in) throws IOException {
    // read, not skip: the server's request body stream bounds read to the body, but its skip
    // goes to the connection and waits for bytes the client never sends
    byte[] dropped = new byte[8192];
    for (long left = MAX_DRAINED_BYTES; left > 0; ) {
      int read = in.read(dropped, 0, (int) Math.min(dropped.length, left));
      if (read < 0) {
        break;
      }
      left -= read;
    }
    return tooLarge().refusal();
  }

  /** Sends {@code body} as JSON with {@code status}. */
  void send(int status, Object body) {
    send(status, "application/json", body);
  }

  /** Sends the problem as {@code application/problem+json}, with this request's path as its instance. */
  void send(Problem problem) {
    send(problem.status(), Problem.MEDIA_TYPE, problem.json(path()));
  }

  /** Adds a response header; call before sending. */
  void responseHeader(String name, String value) {
    http.getResponseHeaders().add(name, value);
  }

  private void send(int status, String mediaType, Object body) {
    try {
      byte[] bytes = JSON.writeValueAsBytes(body);
      http.getResponseHeaders().set("Content-Type", mediaType);
      http.getResponseHeaders().set("Cache-Control", "no-store");
      http.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      http.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = http.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      http.close();
    }
  }

  static Problem badRequest(String name, String title, String detail) {
    return Problem.of(400, name, title, detail);
  }

  private static Problem unsupported(String detail) {
    return Problem.of(415, "unsupported-media-type", "Unsupported media type", detail);
  }

  private static Problem tooLarge() {
    return Problem.of(413, "body-too-large", "Body too large",
        "the body is larger than " + MAX_BODY_BYTES + " bytes");
  }
}
