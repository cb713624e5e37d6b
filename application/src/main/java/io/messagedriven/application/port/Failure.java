package io.messagedriven.application.port;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Why an attempt to publish failed, as stored with the event.
 *
 * @param errorClass the exception's class name
 * @param message its message; from {@link #of}, never empty
 * @param stackTrace its stack trace, with causes
 */
public record Failure(String errorClass, String message, String stackTrace) {
  /** Longest stack trace kept; a longer one is cut. */
  public static final int MAX_STACK_TRACE = 16_000;
  /** Longest message kept; a longer one is cut. */
  public static final int MAX_MESSAGE = 2_000;

  /**
   * The failure of {@code error}, made storable: cut to the maximum lengths, and with NUL
   * characters and unpaired surrogates (which a database refuses in text) replaced by U+FFFD.
   * The message is never empty, so an operator always reads something: an error without one
   * (such as {@code new ConnectException()}) gets its class's simple name, followed by the
   * message of the first cause that has one. A {@link TargetFailedException} is kept as its
   * cause's class, with a message naming the target ({@code "target kafka: ..."}).
   */
  public static Failure of(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    Class<?> type = error instanceof TargetFailedException ? error.getCause().getClass() : error.getClass();
    return new Failure(type.getName(), storable(messageOf(error), MAX_MESSAGE),
        storable(trace.toString(), MAX_STACK_TRACE));
  }

  /**
   * The message {@link #of} keeps for {@code error}, before it is made storable: its own, or for
   * one without, its class's simple name and the first message among its causes, such as {@code
   * "IOException (cause: Connection refused)"}.
   */
  public static String messageOf(Throwable error) {
    if (hasMessage(error)) {
      return error.getMessage();
    }
    String name = error.getClass().getSimpleName().isEmpty() ? error.getClass().getName() : error.getClass().getSimpleName();
    Throwable cause = error.getCause();
    for (int depth = 0; cause != null && depth < 100; depth++, cause = cause.getCause()) {  // causes may form a cycle
      if (hasMessage(cause)) {
        return name + " (cause: " + cause.getMessage() + ")";
      }
    }
    return name;
  }

  private static boolean hasMessage(Throwable error) {
    return error.getMessage() != null && !error.getMessage().isBlank();
  }

  private static String storable(String text, int max) {
    String cut = text.length() <= max ? text : text.substring(0, max);
    StringBuilder clean = new StringBuilder(cut.length());
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < cut.length() && Character.isLowSurrogate(cut.charAt(i + 1));
      boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(cut.charAt(i - 1));
      boolean broken = c == '\0' || (Character.isSurrogate(c) && !pairedHigh && !pairedLow);
      clean.append(broken ? '\uFFFD' : c);
    }
    return clean.toString();
  }
}
