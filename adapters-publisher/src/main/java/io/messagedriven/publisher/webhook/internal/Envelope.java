package io.messagedriven.publisher.webhook.internal;

import io.messagedriven.domain.Event;
import io.messagedriven.publisher.MessageHeaders;
import java.util.Map;

/** The JSON body of a webhook: the event's fields, its headers, and its payload as is. */
public final class Envelope {
  private Envelope() {}

  /** The event as one JSON object; the payload, already JSON, is embedded unchanged. */
  public static String json(Event event) {
    StringBuilder json = new StringBuilder(event.payload().length() + 400);
    json.append('{');
    field(json, "id", event.id().toString()).append(',');
    field(json, "tenantId", event.tenantId().toString()).append(',');
    field(json, "aggregateType", event.aggregateType()).append(',');
    field(json, "aggregateId", event.aggregateId()).append(',');
    field(json, "name", event.name()).append(',');
    field(json, "occurredAt", MessageHeaders.timestamp(event.occurredAt())).append(',');
    string(json, "headers").append(":{");
    boolean first = true;
    for (Map.Entry<String, String> header : event.headers().entrySet()) {
      if (!first) {
        json.append(',');
      }
      first = false;
      field(json, header.getKey(), header.getValue());
    }
    json.append("},");
    string(json, "payload").append(':').append(event.payload());
    return json.append('}').toString();
  }

  private static StringBuilder field(StringBuilder json, String name, String value) {
    string(json, name).append(':');
    return string(json, value);
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
          if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
