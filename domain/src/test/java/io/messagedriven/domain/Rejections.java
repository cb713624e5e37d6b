package io.messagedriven.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that a value is refused with an {@link InvalidValueException} naming its field. */
public final class Rejections {
  private Rejections() {}

  /**
   * Asserts that {@code call} throws an {@link InvalidValueException} for {@code field} whose
   * problem contains {@code problem}, with a message of the documented shape; returns it.
   */
  public static InvalidValueException assertInvalid(ThrowingCallable call, String field, String problem) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(InvalidValueException.class);
    InvalidValueException invalid = (InvalidValueException) thrown;
    assertThat(invalid.field()).isEqualTo(field);
    assertThat(invalid.problem()).contains(problem);
    assertThat(invalid.getMessage()).startsWith(field + " ").endsWith(" is invalid: " + invalid.problem());
    return invalid;
  }
}
