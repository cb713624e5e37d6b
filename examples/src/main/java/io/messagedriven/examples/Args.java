package io.messagedriven.examples;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name value} and {@code --name=value} flags, checked against the names a command knows. */
public final class Args {
  private final Map<String, String> values;

  private Args(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException for an unknown flag (said first, even when it has no value)
   *     or a known one without a value
   */
  public static Args parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    List<String> list = List.of(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        values.put("help", "true");
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + arg);
      }
      int eq = arg.indexOf('=');
      String name = eq > 0 ? arg.substring(2, eq) : arg.substring(2);
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown flag --" + name + "; known: --" + String.join(", --", new TreeSet<>(known)));
      }
      if (eq < 0 && i + 1 >= list.size()) {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      values.put(name, eq > 0 ? arg.substring(eq + 1) : list.get(++i));
    }
    return new Args(values);
  }

  public boolean help() {
    return values.containsKey("help");
  }

  public String get(String name) {
    return values.get(name);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int intValue(String name, int fallback, int min, int max) {
    String value = values.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new IllegalArgumentException("--" + name + " must be " + min + " to " + max + ", was " + value);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, was " + value);
    }
  }
}
