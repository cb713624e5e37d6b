package io.messagedriven.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * The properties behind a builder's settings, so that a setting the builder refuses (its message
 * begins with the setting's name, as the library's builders word it) fails startup naming the
 * property and its value.
 */
public final class RefusedSettings {
  private final String prefix;
  private final Map<String, Map.Entry<String, Object>> properties = new LinkedHashMap<>();

  /** Settings whose properties start with {@code prefix}, such as {@code message-driven.publisher.}. */
  public RefusedSettings(String prefix) {
    this.prefix = prefix;
  }

  /**
   * Records that property {@code prefix + property} (such as {@code retry.max-attempts}) has
   * {@code value}, for the builder setting of the same name in camel case ({@code maxAttempts}).
   */
  public void put(String property, Object value) {
    String[] words = property.substring(property.lastIndexOf('.') + 1).split("-");
    StringBuilder setting = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      setting.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    properties.put(setting.toString(), Map.entry(prefix + property, value == null ? "null" : value));
  }

  /** Records {@code property} with {@code value} (see {@link #put}) and hands the value to {@code setter}. */
  public <T> void set(String property, T value, Consumer<T> setter) {
    put(property, value);
    setter.accept(value);
  }

  /**
   * Runs {@code build}.
   *
   * @throws InvalidConfigurationPropertyValueException naming the property whose value it refused;
   *     a refusal of a setting no property sets is rethrown as is
   */
  public <T> T build(Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      String message = String.valueOf(e.getMessage());
      int space = message.indexOf(' ');
      Map.Entry<String, Object> property = properties.get(space < 0 ? message : message.substring(0, space));
      if (property == null) {
        throw e;
      }
      throw refused(property.getKey(), property.getValue(), e);
    }
  }

  /** A startup failure for {@code property} with {@code value}, for the refusal {@code e}. */
  public static InvalidConfigurationPropertyValueException refused(String property, Object value, IllegalArgumentException e) {
    InvalidConfigurationPropertyValueException refused =
        new InvalidConfigurationPropertyValueException(property, value, e.getMessage());
    refused.initCause(e);
    return refused;
  }
}
