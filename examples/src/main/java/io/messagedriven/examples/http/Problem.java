package io.messagedriven.examples.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 * A client tells one problem from another by {@code type}; {@code title} is the same for every
 * occurrence of a type, {@code detail} says what was wrong with this request.
 *
 * @param status the HTTP status code
 * @param type a URI naming the kind of problem, such as {@code urn:message-driven:problem:duplicate-email}
 * @param title a short summary of the type
 * @param detail what went wrong with this request
 * @param field the request field that holds the bad value, or null
 */
record Problem(int status, String type, String title, String detail, String field) {
  static final String MEDIA_TYPE = "application/problem+json";
  private static final String TYPE_PREFIX = "urn:message-driven:problem:";

  /** A problem of type {@code urn:message-driven:problem:<name>}. */
  static Problem of(int status, String name, String title, String detail) {
    return new Problem(status, TYPE_PREFIX + name, title, detail, null);
  }

  /** This problem, naming the field that holds the bad value. */
  Problem about(String name) {
    return new Problem(status, type, title, detail, name);
  }

  /** The problem as a JSON object, with {@code instance} set to the request's path. */
  Map<String, Object> json(String instance) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", type);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", detail);
    json.put("instance", instance);
    if (field != null) {
      json.put("field", field);
    }
    return json;
  }

  /** Thrown by the resource's steps to end a request with this problem. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;

    Refusal(Problem problem) {
      super(problem.detail(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  /** This problem, as an exception that ends the request. */
  Refusal refusal() {
    return new Refusal(this);
  }
}
