package io.messagedriven.domain.testing;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Checks a property on a corpus of edge cases, then on generated inputs. The inputs come from
 * {@link Inputs} seeded with the system property {@value #SEED_PROPERTY} when it is set, else with
 * a random seed; a failure names the input, the try and the seed, and how to replay it:
 *
 * <pre>
 * ./mvnw -pl domain test -Dtest=EmailPropertiesTest -Dmessagedriven.seed=42
 * </pre>
 */
public final class ForAll {
  public static final String SEED_PROPERTY = "messagedriven.seed";

  private ForAll() {}

  /** Checks {@code property} on every one of {@code edgeCases}, then on {@code tries} inputs from {@code generator}. */
  public static <T> void check(List<T> edgeCases, int tries, Function<Inputs, T> generator, Consumer<T> property) {
    long seed = seed();
    for (int i = 0; i < edgeCases.size(); i++) {
      holds(property, edgeCases.get(i), "edge case " + (i + 1) + " of " + edgeCases.size(), seed);
    }
    Inputs inputs = new Inputs(seed);
    for (int i = 0; i < tries; i++) {
      holds(property, generator.apply(inputs), "try " + (i + 1) + " of " + tries, seed);
    }
  }

  private static <T> void holds(Consumer<T> property, T input, String which, long seed) {
    try {
      property.accept(input);
    } catch (AssertionError | RuntimeException failure) {
      throw new AssertionError("property failed on " + which + ", input " + printable(String.valueOf(input))
          + " (seed " + seed + ", replay with -D" + SEED_PROPERTY + "=" + seed + "): " + failure.getMessage(), failure);
    }
  }

  private static long seed() {
    String given = System.getProperty(SEED_PROPERTY);
    return given == null || given.isBlank() ? ThreadLocalRandom.current().nextLong() : Long.parseLong(given.strip());
  }

  /** The text in quotes, every character outside printable ASCII written as a Java escape. */
  static String printable(String text) {
    StringBuilder shown = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        shown.append('\\').append(c);
      } else if (c >= ' ' && c <= '~') {
        shown.append(c);
      } else {
        shown.append(String.format("\\u%04x", (int) c));
      }
    }
    return shown.append('"').toString();
  }
}
