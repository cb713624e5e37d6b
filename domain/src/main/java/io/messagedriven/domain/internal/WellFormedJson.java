package io.messagedriven.domain.internal;

import java.util.Optional;

/**
 * Checks that a text is one well-formed JSON value (RFC 8259: any value at the top level, white
 * space around it, nothing after it) that PostgreSQL can store and any consumer can read: no NUL,
 * raw or escaped, and no unpaired surrogate, raw or escaped (as I-JSON, RFC 7493, requires). One
 * pass without recursion, so its cost is linear in the length and deep nesting cannot overflow
 * the stack; nesting deeper than {@value #MAX_DEPTH} levels is refused.
 */
public final class WellFormedJson {
  /** Deepest nesting of arrays and objects accepted. */
  public static final int MAX_DEPTH = 512;
  private static final String NOT_JSON = "it is not well-formed JSON: ";

  private final String text;
  /** Per open container, innermost last: whether it is an object (else an array). */
  private final boolean[] inObject = new boolean[MAX_DEPTH];
  private int depth;
  private int at;

  private WellFormedJson(String text) {
    this.text = text;
  }

  /**
   * What makes {@code text} not a storable JSON value, phrased to follow the field's name (such
   * as "it is not well-formed JSON: unexpected '}' at offset 7 where a value belongs"), or empty
   * when it is one. Offsets count UTF-16 units from 0.
   */
  public static Optional<String> problem(String text) {
    try {
      new WellFormedJson(text).document();
      return Optional.empty();
    } catch (Malformed malformed) {
      return Optional.of(malformed.getMessage());
    }
  }

  private void document() {
    skipWhiteSpace();
    boolean valueDue = true;
    while (true) {
      if (valueDue) {
        valueDue = value();
        continue;
      }
      skipWhiteSpace();
      if (depth == 0) {
        if (at < text.length()) {
          throw unexpected("after the JSON value");
        }
        return;
      }
      char close = inObject[depth - 1] ? '}' : ']';
      if (next() == close) {
        at++;
        depth--;
      } else if (next() == ',') {
        at++;
        skipWhiteSpace();
        if (inObject[depth - 1]) {
          memberName();
        }
        valueDue = true;
      } else {
        throw unexpected("where ',' or '" + close + "' belongs");
      }
    }
  }

  /**
   * Reads a whole scalar or an empty array or object, and returns false; or opens a non-empty one
   * and returns true, as its first value is due next.
   */
  private boolean value() {
    switch (next()) {
      case '{':
        return open(true);
      case '[':
        return open(false);
      case '"':
        string();
        return false;
      case 't':
        literal("true");
        return false;
      case 'f':
        literal("false");
        return false;
      case 'n':
        literal("null");
        return false;
      default:
        if (next() == '-' || isDigit(next())) {
          number();
          return false;
        }
        throw unexpected("where a value belongs");
    }
  }

  private boolean open(boolean object) {
    if (depth == MAX_DEPTH) {
      throw new Malformed(NOT_JSON + "it is nested deeper than " + MAX_DEPTH + " levels at offset " + at);
    }
    at++;
    skipWhiteSpace();
    if (next() == (object ? '}' : ']')) {
      at++;
      return false;
    }
    inObject[depth++] = object;
    if (object) {
      memberName();
    }
    return true;
  }

  /** A member's name, its colon and the white space before its value. */
  private void memberName() {
    if (next() != '"') {
      throw unexpected("where a member name in quotes belongs");
    }
    string();
    skipWhiteSpace();
    if (next() != ':') {
      throw unexpected("where ':' belongs");
    }
    at++;
    skipWhiteSpace();
  }

  private void string() {
    int start = at++;
    while (true) {
      if (at >= text.length()) {
        throw new Malformed(NOT_JSON + "the string at offset " + start + " is not closed");
      }
      char c = text.charAt(at);
      if (c == '"') {
        at++;
        return;
      } else if (c == '\\') {
        escape(start);
      } else if (c == 0) {
        throw nul();
      } else if (c < 0x20) {
        throw new Malformed(NOT_JSON + "the control character " + codePoint(c) + " at offset " + at
            + " is not escaped");
      } else if (!Character.isSurrogate(c)) {
        at++;
      } else if (pairAt(at)) {
        at += 2;
      } else {
        throw unpairedSurrogate();
      }
    }
  }

  private void escape(int stringStart) {
    int start = at;
    if (at + 1 >= text.length()) {
      throw new Malformed(NOT_JSON + "the string at offset " + stringStart + " is not closed");
    }
    char c = text.charAt(at + 1);
    if ("\"\\/bfnrt".indexOf(c) >= 0) {
      at += 2;
      return;
    }
    if (c != 'u') {
      throw new Malformed(NOT_JSON + "unknown escape \\" + shown(c) + " at offset " + start);
    }
    char unit = unicodeEscape();
    if (unit == 0) {
      throw new Malformed("it contains an escaped NUL character (\\u0000) at offset " + start
          + ", which PostgreSQL cannot store");
    }
    boolean paired = Character.isHighSurrogate(unit) && text.startsWith("\\u", at)
        && Character.isLowSurrogate(unicodeEscape());
    if (Character.isSurrogate(unit) && !paired) {
      throw new Malformed("it contains the escaped unpaired surrogate " + text.substring(start, start + 6)
          + " at offset " + start + ", which is not text");
    }
  }

  /** The UTF-16 unit of the {@code \}{@code uXXXX} escape at {@link #at}; moves past it. */
  private char unicodeEscape() {
    int start = at;
    int unit = 0;
    for (int i = start + 2; i < start + 6; i++) {
      int digit = i < text.length() ? hexDigit(text.charAt(i)) : -1;
      if (digit < 0) {
        throw new Malformed(NOT_JSON + "the escape \\u at offset " + start + " has fewer than 4 hex digits");
      }
      unit = unit * 16 + digit;
    }
    at = start + 6;
    return (char) unit;
  }

  private void number() {
    int start = at;
    if (next() == '-') {
      at++;
    }
    if (next() == '0') {
      at++;
    } else if (!digits()) {
      throw badNumber(start, "has no digit after '-'");
    }
    if (next() == '.') {
      at++;
      if (!digits()) {
        throw badNumber(start, "has no digit after '.'");
      }
    }
    if (next() == 'e' || next() == 'E') {
      at++;
      if (next() == '+' || next() == '-') {
        at++;
      }
      if (!digits()) {
        throw badNumber(start, "has no digit in its exponent");
      }
    }
  }

  /** Moves past a run of digits; whether there was one. */
  private boolean digits() {
    int start = at;
    while (isDigit(next())) {
      at++;
    }
    return at > start;
  }

  private void literal(String word) {
    if (!text.startsWith(word, at)) {
      throw new Malformed(NOT_JSON + "the value at offset " + at + " is not " + word);
    }
    at += word.length();
  }

  private void skipWhiteSpace() {
    while (next() == ' ' || next() == '\t' || next() == '\n' || next() == '\r') {
      at++;
    }
  }

  /** The character at {@link #at}, or NUL past the end (a NUL in the text never gets this far). */
  private char next() {
    return at < text.length() ? text.charAt(at) : 0;
  }

  private boolean pairAt(int i) {
    return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int hexDigit(char c) {
    if (isDigit(c)) {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private Malformed badNumber(int start, String what) {
    return new Malformed(NOT_JSON + "the number at offset " + start + " " + what);
  }

  /** The character at {@link #at} does not belong there, or the text ends too early. */
  private Malformed unexpected(String where) {
    if (at >= text.length()) {
      return new Malformed(NOT_JSON + "it ends " + where);
    }
    char c = text.charAt(at);
    if (c == 0) {
      return nul();
    }
    if (Character.isSurrogate(c) && !pairAt(at) && !(at > 0 && pairAt(at - 1))) {
      return unpairedSurrogate();
    }
    return new Malformed(NOT_JSON + "unexpected " + shown(c) + " at offset " + at + " " + where);
  }

  private Malformed nul() {
    return new Malformed("it contains a NUL character (U+0000) at offset " + at + ", which PostgreSQL cannot store");
  }

  private Malformed unpairedSurrogate() {
    return new Malformed("it contains the unpaired surrogate " + codePoint(text.charAt(at)) + " at offset " + at
        + ", which is not text");
  }

  private static String shown(char c) {
    return c > ' ' && c <= '~' ? "'" + c + "'" : codePoint(c);
  }

  private static String codePoint(char c) {
    return String.format("U+%04X", (int) c);
  }

  /** Why the text is refused; it never leaves this class, so it carries no stack trace. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String problem) {
      super(problem, null, false, false);
    }
  }
}
