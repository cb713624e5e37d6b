package io.messagedriven.domain;

/**
 * A value broke an invariant: an invalid email, a blank or oversized name, a malformed slug.
 * The message names the field, shows the offending value (shortened, with control characters and
 * unpaired surrogates escaped, so it is safe to log) and says what is wrong.
 */
public final class InvalidValueException extends DomainException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_CHARS = 80;

  private final String field;
  private final String problem;

  public InvalidValueException(String field, Object value, String problem) {
    super(field + " " + show(value) + " is invalid: " + problem);
    this.field = field;
    this.problem = problem;
  }

  /** The name of the field that holds the bad value, such as {@code email}. */
  public String field() {
    return field;
  }

  /** What is wrong with the value, such as {@code "it has no '@'"}. */
  public String problem() {
    return problem;
  }

  static String show(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    StringBuilder shown = new StringBuilder("\"");
    int limit = Math.min(text.length(), SHOWN_CHARS);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < limit && Character.isLowSurrogate(text.charAt(i + 1))) {
        shown.append(c).append(text.charAt(++i));
      } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    shown.append('"');
    if (text.length() > SHOWN_CHARS) {
      shown.append("... (").append(text.length()).append(" chars)");
    }
    return shown.toString();
  }
}
