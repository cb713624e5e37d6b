package io.messagedriven.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidValueExceptionTest {

  @Test
  void messageNamesTheFieldShowsTheValueAndSaysWhatIsWrong() {
    InvalidValueException e = new InvalidValueException("email", "ada", "it has no '@'");

    assertThat(e).hasMessage("email \"ada\" is invalid: it has no '@'");
    assertThat(e.field()).isEqualTo("email");
    assertThat(e.problem()).isEqualTo("it has no '@'");
  }

  @Test
  void isADomainException() {
    assertThat(new InvalidValueException("name", "x", "bad")).isInstanceOf(DomainException.class);
  }

  @Test
  void showsAMissingValueAsNull() {
    assertThat(new InvalidValueException("name", null, "it is required"))
        .hasMessage("name null is invalid: it is required");
  }

  @Test
  void showsOtherValuesByTheirText() {
    assertThat(new InvalidValueException("headers", List.of("a", "b"), "too many"))
        .hasMessage("headers \"[a, b]\" is invalid: too many");
  }

  @Test
  void showsAValueOf80CharactersWhole() {
    String value = "v".repeat(80);

    assertThat(new InvalidValueException("name", value, "bad"))
        .hasMessage("name \"" + value + "\" is invalid: bad");
  }

  @Test
  void shortensALongerValueToItsFirst80CharactersAndSaysHowLongItWas() {
    String value = "v".repeat(80) + "w".repeat(10_000);

    assertThat(new InvalidValueException("payload", value, "it is larger than 1 MiB"))
        .hasMessage("payload \"" + "v".repeat(80) + "\"... (10080 chars) is invalid: it is larger than 1 MiB");
  }

  @Test
  void escapesControlCharactersSoTheMessageIsSafeToLog() {
    InvalidValueException e = new InvalidValueException("name", "a\nb\rc\td\u0000e\u001bf\u007fg", "bad");

    assertThat(e)
        .hasMessage("name \"a\\u000ab\\u000dc\\u0009d\\u0000e\\u001bf\\u007fg\" is invalid: bad");
  }

  @Test
  void escapesC1ControlCharactersToo() {
    InvalidValueException e = new InvalidValueException("name", "a\u0085b\u009b31mc", "bad");

    assertThat(e).hasMessage("name \"a\\u0085b\\u009b31mc\" is invalid: bad");
  }

  @Test
  void keepsPrintableNonAsciiCharacters() {
    assertThat(new InvalidValueException("name", "Zoë 😀", "bad")).hasMessage("name \"Zoë 😀\" is invalid: bad");
  }

  @Test
  void shortensByCharactersOfTheValueNotOfTheirEscapes() {
    String value = "\n".repeat(100);

    assertThat(new InvalidValueException("name", value, "bad").getMessage())
        .isEqualTo("name \"" + "\\u000a".repeat(80) + "\"... (100 chars) is invalid: bad");
  }

  @Test
  void escapesUnpairedSurrogatesAndKeepsPairs() {
    assertThat(new InvalidValueException("name", "a\ud800b\udc00c\ud83d\ude00", "bad"))
        .hasMessage("name \"a\\ud800b\\udc00c\ud83d\ude00\" is invalid: bad");
  }

  @Test
  void escapesTheHalfOfAPairThatTheShorteningCutsOff() {
    String value = "v".repeat(79) + "\ud83d\ude00";

    assertThat(new InvalidValueException("name", value, "bad"))
        .hasMessage("name \"" + "v".repeat(79) + "\\ud83d\"... (81 chars) is invalid: bad");
  }
}
