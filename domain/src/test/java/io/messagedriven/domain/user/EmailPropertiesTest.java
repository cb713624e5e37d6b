package io.messagedriven.domain.user;

import io.messagedriven.domain.InvalidValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;

/** Properties of {@link Email}: whatever the input, a valid address or a typed refusal. */
class EmailPropertiesTest {
  private static final String LOCAL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";

  @Property(tries = 2000)
  void anyStringIsAValidAddressOrRefusedWithATypedError(@ForAll String raw) {
    assertValidOrRefused(raw);
  }

  @Property(tries = 2000)
  void anyAddressLikeStringIsAValidAddressOrRefusedWithATypedError(@ForAll("addressLike") String raw) {
    assertValidOrRefused(raw);
  }

  @Property
  void wellFormedAddressesAreAcceptedVerbatim(@ForAll("addresses") String address) {
    assertThat(Email.of(address).value()).isEqualTo(address);
    assertThat(Email.of("  " + address + "\t").value()).as("surrounding white space is trimmed").isEqualTo(address);
  }

  @Property
  void caseNeverChangesTheCanonicalForm(@ForAll("addresses") String address) {
    Email lower = Email.of(address.toLowerCase(Locale.ROOT));
    Email upper = Email.of(address.toUpperCase(Locale.ROOT));

    assertThat(upper.canonical()).isEqualTo(lower.canonical()).isEqualTo(address.toLowerCase(Locale.ROOT));
    assertThat(upper.value().substring(upper.value().indexOf('@'))).as("the domain is lower-cased")
        .isEqualTo(lower.value().substring(lower.value().indexOf('@')));
  }

  @Property
  void aControlCharacterInsideIsRefused(
      @ForAll("addresses") String address,
      @ForAll @IntRange(min = 1, max = 300) int where,
      @ForAll @CharRange(from = '\u0000', to = '\u001f') char control) {
    String bad = insideAt(address, where, control);

    assertRefused(bad, "control character");
  }

  @Property
  void whiteSpaceInsideIsRefused(@ForAll("addresses") String address, @ForAll @IntRange(min = 1, max = 300) int where) {
    assertRefused(insideAt(address, where, ' '), "white space");
  }

  @Property
  void anAddressWithoutAtIsRefused(@ForAll("addresses") String address) {
    assertRefused(address.replace("@", ""), "no '@'");
  }

  @Property
  void anEmptyLocalPartOrDomainIsRefused(@ForAll("addresses") String address) {
    int at = address.indexOf('@');

    assertRefused(address.substring(at), "before '@' is empty");
    assertRefused(address.substring(0, at + 1), "after '@' is empty");
  }

  @Property
  void addressesLongerThan254CharactersAreRefused(
      @ForAll("addresses") String address, @ForAll @IntRange(min = 1, max = 500) int extra) {
    String domainPadding = ("a".repeat(60) + ".").repeat(5);
    String longAddress = address.replace("@", "@" + domainPadding + "b".repeat(extra % 60 + 1) + ".");
    if (longAddress.length() > Email.MAX_LENGTH) {
      assertRefused(longAddress, "longer than 254");
    }
  }

  private static void assertValidOrRefused(String raw) {
    Email email;
    try {
      email = Email.of(raw);
    } catch (InvalidValueException refused) {
      assertThat(refused.field()).isEqualTo("email");
      assertThat(refused.getMessage()).startsWith("email ").contains("is invalid: ");
      return;
    }
    String value = email.value();
    assertThat(value).isEqualTo(raw.strip().substring(0, raw.strip().lastIndexOf('@'))
        + raw.strip().substring(raw.strip().lastIndexOf('@')).toLowerCase(Locale.ROOT));
    assertThat(value.length()).isBetween(3, Email.MAX_LENGTH);
    assertThat(value.chars().filter(c -> c == '@').count()).isOne();
    assertThat(value.indexOf('@')).isBetween(1, 64);
    assertThat(value.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))).isTrue();
  }

  private static void assertRefused(String raw, String problem) {
    assertThatThrownBy(() -> Email.of(raw))
        .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("email"))
        .hasMessageContaining(problem);
  }

  private static String insideAt(String text, int where, char c) {
    int at = 1 + where % (text.length() - 1);
    return text.substring(0, at) + c + text.substring(at);
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> atom = Arbitraries.strings().withChars(LOCAL_CHARS).ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(4).map(atoms -> String.join(".", atoms))
        .filter(text -> text.length() <= 64);
    Arbitrary<String> label = Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10),
            Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMaxLength(8),
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5))
        .as((head, middle, tail) -> middle.isEmpty() ? head + tail : head + middle + tail);
    Arbitrary<String> domain = label.list().ofMinSize(2).ofMaxSize(4).map(labels -> String.join(".", labels));
    return Combinators.combine(local, domain).as((l, d) -> l + "@" + d);
  }

  @Provide
  Arbitrary<String> addressLike() {
    return Arbitraries.strings()
        .withChars("ab.@-_ \t\u0000\u007f\u00e9Z9'\"")
        .withCharRange('a', 'e')
        .ofMaxLength(40);
  }
}
