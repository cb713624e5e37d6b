package io.messagedriven.domain.internal;

import java.util.Map;

/** Writes the flat JSON objects of event payloads; the domain has no JSON library. */
public final class Json {
  private Json() {}

  public static String object(Map<String, String> fields) {
    StringBuilder json = new StringBuilder("{");
    fields.forEach(
        (key, value) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          string(json, key).append(':');
          string(json, value);
        });
    return json.append('}').toString();
  }

  private static StringBuilder string(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }

  private static boolean validSurrogate(String value, int i) {
    char c = value.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
  }
}
