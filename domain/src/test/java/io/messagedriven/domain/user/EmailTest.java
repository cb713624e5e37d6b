package io.messagedriven.domain.user;

import io.messagedriven.domain.InvalidValueException;

import static io.messagedriven.domain.Rejections.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada@example.com",
        "ada+newsletter@example.com",
        "ada.lovelace@mail.example.co.uk",
        "o'brien@example.com",
        "a@b.co",
        "!#$%&'*+/=?^_`{|}~-@example.com",
        "1234@123.example",
        "zoë@exämple.com",
        "ada@my-host.example.com"
      })
  void acceptsValidAddressesUnchanged(String address) {
    assertThat(Email.of(address).value()).isEqualTo(address);
  }

  @Test
  void keepsPlusAddressingAsPartOfTheMailbox() {
    Email tagged = Email.of("ada+news@example.com");

    assertThat(tagged.value()).isEqualTo("ada+news@example.com");
    assertThat(tagged.canonical()).isNotEqualTo(Email.of("ada@example.com").canonical());
  }

  @Test
  void trimsSurroundingWhiteSpace() {
    assertThat(Email.of("  ada@example.com\t\n").value()).isEqualTo("ada@example.com");
  }

  @Test
  void lowerCasesTheDomainAndKeepsTheCaseOfTheLocalPart() {
    assertThat(Email.of(" Ada.Lovelace@Example.COM ").value()).isEqualTo("Ada.Lovelace@example.com");
  }

  @Test
  void canonicalFormIsTheWholeAddressLowerCased() {
    Email email = Email.of("Ada.Lovelace@Example.COM");

    assertThat(email.canonical()).isEqualTo("ada.lovelace@example.com");
    assertThat(Email.of("ADA.LOVELACE@example.com").canonical()).isEqualTo(email.canonical());
  }

  @Test
  void addressesDifferingInLocalPartCaseAreDistinctValuesWithTheSameCanonicalForm() {
    Email upper = Email.of("Ada@example.com");
    Email lower = Email.of("ada@example.com");

    assertThat(upper).isNotEqualTo(lower);
    assertThat(upper.canonical()).isEqualTo(lower.canonical());
  }

  @Test
  void toStringIsTheAddress() {
    assertThat(Email.of("Ada@Example.com")).hasToString("Ada@example.com");
  }

  @Test
  void constructorRefusesAValueThatIsNotNormalised() {
    assertThatThrownBy(() -> new Email("ada@Example.com"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("email \"ada@Example.com\" is invalid: it is not normalised; use Email.of");
    assertThatThrownBy(() -> new Email(" ada@example.com"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("not normalised");
  }

  @Test
  void constructorAcceptsANormalisedValue() {
    assertThat(new Email("Ada@example.com")).isEqualTo(Email.of("Ada@EXAMPLE.com"));
  }

  @Test
  void nullIsRequired() {
    assertThatThrownBy(() -> Email.of(null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessage("email null is invalid: it is required");
    assertThatThrownBy(() -> new Email(null)).isInstanceOf(InvalidValueException.class);
  }

  @ParameterizedTest(name = "[{index}] \"{0}\": {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                      | it is blank",
        "'   '                   | it is blank",
        "ada.example.com         | it has no '@'",
        "ada@@example.com        | it has more than one '@'",
        "ada@home@example.com    | it has more than one '@'",
        "ada lovelace@example.com| it contains white space",
        "ada@exa mple.com        | it contains white space",
        "@example.com            | the part before '@' is empty",
        "ada@                    | the domain after '@' is empty",
        "ada@localhost           | the domain has no '.'",
        ".ada@example.com        | the part before '@' has a misplaced '.'",
        "ada.@example.com        | the part before '@' has a misplaced '.'",
        "ada..lovelace@example.com | the part before '@' has a misplaced '.'",
        "ada@.example.com        | the domain has a label that is empty or longer than 63",
        "ada@example.com.        | the domain has a label that is empty or longer than 63",
        "ada@example..com        | the domain has a label that is empty or longer than 63",
        "ada@-example.com        | a domain label starts or ends with '-'",
        "ada@example-.com        | a domain label starts or ends with '-'",
        "ada@exa_mple.com        | the domain contains '_'",
        "ada@exa+mple.com        | the domain contains '+'",
        "ad(a)@example.com       | the part before '@' contains '('",
        "ada,l@example.com       | the part before '@' contains ','",
        "\"ada\"@example.com     | the part before '@' contains '\"'",
        "ada\\l@example.com      | the part before '@' contains '\\'"
      })
  void rejectsMalformedAddressesNamingTheFieldTheValueAndTheProblem(String address, String problem) {
    InvalidValueException e = assertInvalid(() -> Email.of(address), "email", problem);

    assertThat(e.getMessage()).isEqualTo("email \"" + address.strip() + "\" is invalid: " + problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ada\u0000@example.com", "ad\ta@example.com", "ada@exam\u007fple.com", "ada\u0085@example.com"})
  void rejectsControlCharactersAndShowsThemEscaped(String address) {
    InvalidValueException e = assertInvalid(() -> Email.of(address), "email", "it contains a control character");

    assertThat(e.getMessage()).doesNotContain(address).containsPattern("\\\\u00[0-9a-f]{2}");
  }

  @Test
  void rejectsANonBreakingSpaceThatTrimmingKeeps() {
    assertThatThrownBy(() -> Email.of("ada\u00a0@example.com"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageEndingWith("it contains white space");
  }

  @Test
  void acceptsTheLongestAddress() {
    String address = local(64) + "@" + domainOf(254 - 65);

    assertThat(address).hasSize(254);
    assertThat(Email.of(address).value()).isEqualTo(address);
  }

  @Test
  void rejectsAnAddressLongerThan254CharactersShowingItShortened() {
    String address = local(64) + "@" + domainOf(255 - 65);

    assertThat(address).hasSize(255);
    InvalidValueException e = assertInvalid(() -> Email.of(address), "email", "it is longer than 254 characters");

    assertThat(e.getMessage()).startsWith("email \"" + address.substring(0, 80) + "\"... (255 chars) is invalid");
  }

  @Test
  void acceptsALocalPartOf64Characters() {
    assertThat(Email.of(local(64) + "@example.com").value()).startsWith(local(64) + "@");
  }

  @Test
  void rejectsALocalPartLongerThan64Characters() {
    assertInvalid(() -> Email.of(local(65) + "@example.com"), "email", "the part before '@' is longer than 64 characters");
  }

  @Test
  void rejectsADomainLabelLongerThan63Characters() {
    assertThat(Email.of("ada@" + "b".repeat(63) + ".com").value()).endsWith(".com");
    assertInvalid(() -> Email.of("ada@" + "b".repeat(64) + ".com"), "email", "a label that is empty or longer than 63");
  }

  private static String local(int length) {
    return "a".repeat(length);
  }

  /** A domain of exactly {@code length} characters: labels of up to 63, joined by dots. */
  private static String domainOf(int length) {
    StringBuilder domain = new StringBuilder();
    while (length - domain.length() > 64) {
      domain.append("b".repeat(63)).append('.');
    }
    return domain.append("c".repeat(length - domain.length())).toString();
  }
}
