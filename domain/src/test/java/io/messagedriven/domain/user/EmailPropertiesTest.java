package io.messagedriven.domain.user;

import io.messagedriven.domain.InvalidValueException;
import io.messagedriven.domain.testing.ForAll;
import io.messagedriven.domain.testing.Inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Properties of {@link Email}: whatever the input, a valid address or a typed refusal. */
class EmailPropertiesTest {
  private static final String LOCAL_CHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-";
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String ADDRESS_LIKE = "ab.@-_ \t\u0000\u007f\u00e9Z9'\"" + "abcde";

  /** The longest label {@link #address} makes: 10 digits, 8 hyphens, 5 letters. */
  private static final String LONGEST_LABEL = "9".repeat(10) + "-".repeat(8) + "z".repeat(5);
  /** The longest address {@link #address} makes: 4 atoms of 12, 4 labels of 23. */
  private static final String LONGEST_ADDRESS =
      String.join(".", "x".repeat(12), "Y".repeat(12), "1".repeat(12), "~".repeat(12))
          + "@" + String.join(".", LONGEST_LABEL, LONGEST_LABEL, LONGEST_LABEL, LONGEST_LABEL);

  /** Well-formed addresses at the generator's edges: shortest, longest, every special character. */
  private static final List<String> ADDRESSES = List.of(
      "a@bb.cc", "!@a0.zz", "!#$%&'*+/=?^_`{|}~-@example.com", "ABC.def@x-y.example", "a.b.c.d@x0.yz",
      "0@0a.ab.cd.ef", "o'brien@a--------b.cc", LONGEST_ADDRESS);

  /** Addresses that are almost right, or not at all: every rule of {@link Email} at its edge. */
  private static final List<String> ANY_ADDRESSES = List.of(
      "", " ", "@", "a@", "@b.co", "a@b", "a@b.c", "a@b.co", " a@b.co\t", "A@B.CO", "a@@b.co", "a@b@c.co", "a@b..co",
      ".a@b.co", "a.@b.co", "a..b@c.de", "a@-b.co", "a@b-.co", "a@.b.co", "a@b.co.", "a@b.co\u0000", "a\u007f@b.co",
      "a b@c.de", "a@b.c\u00a0", "a\u2003@b.co", "zoë@exämple.com", "a@\u0130.co", "\u0130@b.co", "a@b\ud800.co",
      "\ud83d\ude00@b.co", "x".repeat(64) + "@b.co", "x".repeat(65) + "@b.co", "a@" + "b".repeat(63) + ".co",
      "a@" + "b".repeat(64) + ".co", "a@" + ("b".repeat(62) + ".").repeat(3) + "c".repeat(63),
      "ab@" + ("b".repeat(62) + ".").repeat(3) + "c".repeat(63), "a\"b@c.de", "a(b)@c.de", "a@b_c.de");

  @Test
  void anyStringIsAValidAddressOrRefusedWithATypedError() {
    ForAll.check(ANY_ADDRESSES, 2000, inputs -> inputs.anyString(255), EmailPropertiesTest::assertValidOrRefused);
  }

  @Test
  void anyAddressLikeStringIsAValidAddressOrRefusedWithATypedError() {
    ForAll.check(ANY_ADDRESSES, 2000, inputs -> inputs.string(ADDRESS_LIKE, 0, 40),
        EmailPropertiesTest::assertValidOrRefused);
  }

  @Test
  void wellFormedAddressesAreAcceptedVerbatim() {
    ForAll.check(ADDRESSES, 1000, EmailPropertiesTest::address, address -> {
      assertThat(Email.of(address).value()).isEqualTo(address);
      assertThat(Email.of("  " + address + "\t").value()).as("surrounding white space is trimmed").isEqualTo(address);
    });
  }

  @Test
  void caseNeverChangesTheCanonicalForm() {
    ForAll.check(ADDRESSES, 1000, EmailPropertiesTest::address, address -> {
      Email lower = Email.of(address.toLowerCase(Locale.ROOT));
      Email upper = Email.of(address.toUpperCase(Locale.ROOT));

      assertThat(upper.canonical()).isEqualTo(lower.canonical()).isEqualTo(address.toLowerCase(Locale.ROOT));
      assertThat(upper.value().substring(upper.value().indexOf('@'))).as("the domain is lower-cased")
          .isEqualTo(lower.value().substring(lower.value().indexOf('@')));
    });
  }

  @Test
  void aControlCharacterInsideIsRefused() {
    List<Inserted> edgeCases = List.of(new Inserted("a@bb.cc", 1, '\u0000'), new Inserted("a@bb.cc", 300, '\u001f'),
        new Inserted("a@bb.cc", 5, '\t'), new Inserted("a@bb.cc", 2, '\n'), new Inserted(LONGEST_ADDRESS, 150, '\r'));
    ForAll.check(edgeCases, 1000,
        inputs -> new Inserted(address(inputs), inputs.between(1, 300), (char) inputs.between(0x00, 0x1f)),
        inserted -> assertRefused(inserted.text(), "control character"));
  }

  @Test
  void whiteSpaceInsideIsRefused() {
    List<Inserted> edgeCases = List.of(new Inserted("a@bb.cc", 1, ' '), new Inserted("a@bb.cc", 300, ' '),
        new Inserted(LONGEST_ADDRESS, 299, ' '));
    ForAll.check(edgeCases, 1000, inputs -> new Inserted(address(inputs), inputs.between(1, 300), ' '),
        inserted -> assertRefused(inserted.text(), "white space"));
  }

  @Test
  void anAddressWithoutAtIsRefused() {
    ForAll.check(ADDRESSES, 1000, EmailPropertiesTest::address,
        address -> assertRefused(address.replace("@", ""), "no '@'"));
  }

  @Test
  void anEmptyLocalPartOrDomainIsRefused() {
    ForAll.check(ADDRESSES, 1000, EmailPropertiesTest::address, address -> {
      int at = address.indexOf('@');

      assertRefused(address.substring(at), "before '@' is empty");
      assertRefused(address.substring(0, at + 1), "after '@' is empty");
    });
  }

  @Test
  void addressesLongerThan254CharactersAreRefused() {
    List<Lengthened> edgeCases = List.of(new Lengthened("a@bb.cc", 1), new Lengthened("a@bb.cc", 500),
        new Lengthened(LONGEST_ADDRESS, 1), new Lengthened(LONGEST_ADDRESS, 59));
    ForAll.check(edgeCases, 1000, inputs -> new Lengthened(address(inputs), inputs.between(1, 500)), lengthened -> {
      String longAddress = lengthened.text();
      if (longAddress.length() > Email.MAX_LENGTH) {
        assertRefused(longAddress, "longer than 254");
      }
    });
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

  /**
   * A well-formed address: 1 to 4 dot-separated atoms of 1 to 12 {@link #LOCAL_CHARS}, then a
   * domain of 2 to 4 labels, each 1 to 10 lower-case letters or digits, up to 8 lower-case letters
   * or hyphens, and 1 to 5 lower-case letters.
   */
  private static String address(Inputs inputs) {
    String local = String.join(".", inputs.list(1, 4, atoms -> atoms.string(LOCAL_CHARS, 1, 12)));
    String domain = String.join(".", inputs.list(2, 4, labels ->
        labels.string(LOWER + "0123456789", 1, 10) + labels.string(LOWER + "-", 0, 8) + labels.string(LOWER, 1, 5)));
    return local + "@" + domain;
  }

  /** {@code address} with {@code c} put inside it, never first or last. */
  record Inserted(String address, int where, char c) {
    String text() {
      int at = 1 + where % (address.length() - 1);
      return address.substring(0, at) + c + address.substring(at);
    }
  }

  /** {@code address} with five 60-letter labels and one of 1 to 60 letters added to its domain. */
  record Lengthened(String address, int extra) {
    String text() {
      String domainPadding = ("a".repeat(60) + ".").repeat(5);
      return address.replace("@", "@" + domainPadding + "b".repeat(extra % 60 + 1) + ".");
    }
  }
}
