package io.messagedriven.spring.internal;

import java.util.LinkedHashMap;
import java.util.Map;
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

  /** Records that builder setting {@code setting} comes from property {@code prefix + property} with {@code value}. */
  public void put(String setting, String property, Object value) {
    properties.put(setting, Map.entry(prefix + property, value == null ? "null" : value));
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
