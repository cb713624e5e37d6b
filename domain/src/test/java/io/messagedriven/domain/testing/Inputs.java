package io.messagedriven.domain.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Random inputs for property tests, all drawn from one seeded {@link Random}, so that a seed
 * replays the same inputs. Lengths and characters lean towards the edges: the shortest and the
 * longest allowed lengths come up often, and text mixes white space, control characters, lone
 * and paired surrogates and non-ASCII letters among ordinary characters.
 */
public final class Inputs {
  /** Printable ASCII, from space to {@code ~}. */
  public static final String ASCII = ascii(' ', '~');
  /** Every character for which {@link Character#isWhitespace} or {@link Character#isSpaceChar} holds. */
  public static final String WHITE_SPACE = whiteSpace();
  /** Every character for which {@link Character#isISOControl} holds. */
  public static final String CONTROLS = ascii('\u0000', '\u001f') + ascii('\u007f', '\u009f');
  /** Letters and symbols beyond ASCII, each one UTF-16 unit. */
  public static final String NON_ASCII =
      "éüßñøÆİıſ中文日本語한글ДЖЯΩαπ€\u00a0\u00ad\u200b\u200d\u2028\u2029\ufeff\ufffd\uffff";

  private final Random random;

  public Inputs(long seed) {
    this.random = new Random(seed);
  }

  /** A whole number from {@code min} to {@code max}, both included; either end one time in ten each. */
  public int between(int min, int max) {
    int draw = random.nextInt(10);
    if (draw == 0) {
      return min;
    }
    if (draw == 1) {
      return max;
    }
    return min + (int) (random.nextDouble() * ((long) max - min + 1));
  }

  /** One of {@code choices}. */
  public char charIn(String choices) {
    return choices.charAt(random.nextInt(choices.length()));
  }

  /** A string of {@code minLength} to {@code maxLength} characters, each one of {@code alphabet}. */
  public String string(String alphabet, int minLength, int maxLength) {
    int length = length(minLength, maxLength);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(charIn(alphabet));
    }
    return text.toString();
  }

  /**
   * Any string of at most {@code maxLength} UTF-16 units: a third of them readable text (ASCII,
   * non-ASCII letters, white space, paired surrogates), a third a mix of every kind of character
   * including controls and lone surrogates, a third uniform over all 65,536 units.
   */
  public String anyString(int maxLength) {
    int length = length(0, maxLength);
    int kind = random.nextInt(3);
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      switch (kind) {
        case 0 -> readable(text, length);
        case 1 -> mixed(text, length);
        default -> text.append((char) random.nextInt(Character.MAX_VALUE + 1));
      }
    }
    return text.toString();
  }

  /** {@code minSize} to {@code maxSize} elements, each made by {@code element}. */
  public <T> List<T> list(int minSize, int maxSize, Function<Inputs, T> element) {
    int size = length(minSize, maxSize);
    List<T> elements = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      elements.add(element.apply(this));
    }
    return elements;
  }

  private void readable(StringBuilder text, int length) {
    int draw = random.nextInt(20);
    if (draw < 12) {
      text.append(charIn(ASCII));
    } else if (draw < 16) {
      text.append(charIn(NON_ASCII));
    } else if (draw < 18) {
      text.append(charIn(WHITE_SPACE));
    } else if (text.length() + 2 <= length) {
      text.appendCodePoint(Character.MIN_SUPPLEMENTARY_CODE_POINT
          + random.nextInt(Character.MAX_CODE_POINT - Character.MIN_SUPPLEMENTARY_CODE_POINT + 1));
    }
  }

  private void mixed(StringBuilder text, int length) {
    switch (random.nextInt(6)) {
      case 0 -> text.append(charIn(CONTROLS));
      case 1 -> text.append(charIn(WHITE_SPACE));
      case 2 -> text.append((char) between(Character.MIN_SURROGATE, Character.MAX_SURROGATE));
      case 3 -> text.append(charIn(NON_ASCII));
      default -> readable(text, length);
    }
  }

  /** A length leaning to the ends: the minimum or the maximum one time in eight each, short ones often. */
  private int length(int min, int max) {
    int draw = random.nextInt(8);
    if (draw == 0) {
      return min;
    }
    if (draw == 1) {
      return max;
    }
    int upper = draw < 5 ? Math.min(max, min + 10) : max;
    return min + random.nextInt(upper - min + 1);
  }

  private static String ascii(char from, char to) {
    StringBuilder chars = new StringBuilder();
    for (char c = from; c <= to; c++) {
      chars.append(c);
    }
    return chars.toString();
  }

  private static String whiteSpace() {
    StringBuilder chars = new StringBuilder();
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        chars.append((char) c);
      }
    }
    return chars.toString();
  }
}
