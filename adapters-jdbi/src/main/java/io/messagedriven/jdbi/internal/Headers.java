package io.messagedriven.jdbi.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event headers to and from their JSON column. */
final class Headers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private Headers() {}

  static String toJson(Map<String, String> headers) {
    if (headers.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("headers cannot be written as JSON", e);
    }
  }

  static Map<String, String> fromJson(String json) {
    if (json == null || json.equals("{}")) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("headers column holds invalid JSON: " + json, e);
    }
  }
}
