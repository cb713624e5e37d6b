package io.messagedriven.application.port;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why an attempt to publish failed, as stored with the event.
 *
 * @param errorClass the exception's class name
 * @param message its message, possibly empty
 * @param stackTrace its stack trace, with causes
 */
public record Failure(String errorClass, String message, String stackTrace) {
  /** Longest stack trace kept; a longer one is cut. */
  public static final int MAX_STACK_TRACE = 16_000;
  /** Longest message kept; a longer one is cut. */
  public static final int MAX_MESSAGE = 2_000;

  public static Failure of(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    String message = error.getMessage() == null ? "" : error.getMessage();
    return new Failure(error.getClass().getName(), cut(message, MAX_MESSAGE), cut(trace.toString(), MAX_STACK_TRACE));
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
