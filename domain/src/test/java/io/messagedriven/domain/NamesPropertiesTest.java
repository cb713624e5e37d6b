package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.testing.ForAll;
import io.messagedriven.domain.testing.Inputs;
import io.messagedriven.domain.user.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Properties of the user and tenant names and the tenant slug: a name is kept as given (trimmed)
 * or refused with a typed error; a slug is accepted exactly when it follows the slug rules.
 */
class NamesPropertiesTest {
  private static final String PRINTABLE = Inputs.ASCII.substring(1) + "é ü ß 中文 ";
  private static final String BLANK = " \t\n\r\u2003\u3000";
  private static final String SLUG_LIKE = "abz09-A_. ";

  /** Names of every kind: empty, blank, at and past the limit, controls, surrogates, odd spaces. */
  private static final List<String> ANY_NAMES = List.of(
      "", " ", "\t", "\n", "a", " a ", "\ta\r\n", "a b", "x".repeat(200), "x".repeat(201),
      " " + "x".repeat(200) + " ", "\u3000" + "x".repeat(200) + "\u2003", "x".repeat(199) + "\uD83D\uDE00",
      "\u0000", "a\u0000b", "a\u001f", "\u007f", "a\u0085", "a\u009f", "\u00a0a\u00a0", "a\u2028b", "\u2028a\u2029",
      "\u200b", "\ufeff", "\uffff", "\ud800", "\udfff", "a\ud83d", "\ude00a", "\ud83d\ude00", "\ude00\ud83d",
      "\ud83d\ud83d\ude00", "emoji \uD83D\uDE00 ok", "中文", "zoë", "\u0130stanbul");

  private static final List<String> PRINTABLE_NAMES = List.of(
      "!", "~", "a", "é", "ß", "中文", "a b", "a  é ü ß 中文 z", "x".repeat(200), "中".repeat(200),
      "a" + " ".repeat(198) + "b", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

  private static final List<String> SLUGS = List.of(
      "", "a", "0", "-", "--", "a-", "-a", "a-b", "a--b", "ab-9", "A", "aB", "a_b", "a.b", "a b", " a", "a ",
      "a\n", "z".repeat(63), "z".repeat(64), "a" + "-".repeat(61) + "b", "a" + "-".repeat(62) + "b",
      "9".repeat(63), "é", "ａ", "\u0131", "a\u0000");

  @Test
  void anyUserNameIsKeptTrimmedOrRefusedWithATypedError() {
    ForAll.check(ANY_NAMES, 2000, inputs -> inputs.anyString(255),
        raw -> assertKeptOrRefused(raw, User::validName, "name"));
  }

  @Test
  void anyTenantNameIsKeptTrimmedOrRefusedWithATypedError() {
    ForAll.check(ANY_NAMES, 2000, inputs -> inputs.anyString(255),
        raw -> assertKeptOrRefused(raw, Tenant::validName, "tenant name"));
  }

  @Test
  void printableNamesUpTo200CharactersAreKeptVerbatim() {
    ForAll.check(PRINTABLE_NAMES, 1000, NamesPropertiesTest::printableName, name -> {
      assertThat(User.validName(name)).isEqualTo(name);
      assertThat(Tenant.validName(name)).isEqualTo(name);
    });
  }

  @Test
  void namesLongerThan200CharactersAreRefused() {
    List<Padded> edgeCases = List.of(new Padded("a", 1), new Padded("x".repeat(200), 1),
        new Padded("中文", 1000), new Padded("x".repeat(200), 1000));
    ForAll.check(edgeCases, 1000, inputs -> new Padded(printableName(inputs), inputs.between(1, 1000)), padded ->
        assertThatThrownBy(() -> User.validName(padded.longName())).isInstanceOf(InvalidValueException.class)
            .hasMessageContaining("longer than 200"));
  }

  @Test
  void blankNamesAreRefused() {
    List<String> edgeCases = List.of("", " ", "\t", "\n", "\r", "\r\n", "\u2003", "\u3000", BLANK, " ".repeat(20));
    ForAll.check(edgeCases, 1000, inputs -> inputs.string(BLANK, 0, 20), blank -> {
      assertThatThrownBy(() -> User.validName(blank)).isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("blank");
      assertThatThrownBy(() -> Tenant.validName(blank)).isInstanceOf(InvalidValueException.class)
          .hasMessageContaining("blank");
    });
  }

  @Test
  void anUnpairedSurrogateIsRefused() {
    List<WithSurrogate> edgeCases = List.of(new WithSurrogate("a", 0xd800), new WithSurrogate("a", 0xdbff),
        new WithSurrogate("a", 0xdc00), new WithSurrogate("a", 0xdfff),
        new WithSurrogate("x".repeat(200), 0xd83d), new WithSurrogate("x".repeat(200), 0xde00));
    ForAll.check(edgeCases, 1000, inputs -> new WithSurrogate(printableName(inputs), inputs.between(0xd800, 0xdfff)),
        named -> assertThatThrownBy(() -> User.validName(named.bad())).isInstanceOf(InvalidValueException.class)
            .hasMessageContaining("surrogate"));
  }

  @Test
  void hostileButPrintableNamesAreKeptVerbatim() {
    for (String hostile : new String[] {
        "Robert'); DROP TABLE users; --", "'; DROP TABLE users; --", "\"quoted\"", "back\\slash", ":tenantId",
        "$1 ? %s %n", "<script>alert(1)</script>", "emoji \uD83D\uDE00 ok", "null"}) {
      assertThat(User.validName(hostile)).isEqualTo(hostile);
    }
  }

  @Test
  void aSlugIsAcceptedExactlyWhenItFollowsTheRules() {
    ForAll.check(SLUGS, 3000, inputs -> inputs.string(SLUG_LIKE, 0, 66), NamesPropertiesTest::assertSlugRule);
  }

  @Test
  void anyStringIsASlugExactlyWhenItFollowsTheRules() {
    ForAll.check(SLUGS, 1000, inputs -> inputs.anyString(70), NamesPropertiesTest::assertSlugRule);
  }

  private static void assertSlugRule(String slug) {
    if (followsSlugRules(slug)) {
      assertThat(Tenant.validSlug(slug)).isEqualTo(slug);
    } else {
      assertThatThrownBy(() -> Tenant.validSlug(slug))
          .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.field()).isEqualTo("slug"));
    }
  }

  /** The slug rules, written out independently of the validator's regular expression. */
  private static boolean followsSlugRules(String slug) {
    if (slug.isEmpty() || slug.length() > 63 || slug.startsWith("-") || slug.endsWith("-")) {
      return false;
    }
    return slug.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-');
  }

  private static void assertKeptOrRefused(String raw, UnaryOperator<String> validator, String field) {
    String kept;
    try {
      kept = validator.apply(raw);
    } catch (InvalidValueException refused) {
      assertThat(refused.field()).isEqualTo(field);
      return;
    }
    assertThat(kept).isEqualTo(raw.strip());
    assertThat(kept.length()).isBetween(1, 200);
    assertThat(kept.chars().noneMatch(Character::isISOControl)).isTrue();
    assertThat(Check.hasUnpairedSurrogate(kept)).isFalse();
  }

  /** 1 to 200 of '!' to '~' and "é ü ß 中文 ", with no white space at either end. */
  private static String printableName(Inputs inputs) {
    String name;
    do {
      name = inputs.string(PRINTABLE, 1, 200);
    } while (!name.strip().equals(name));
    return name;
  }

  /** A printable name made longer than 200 characters by {@code extra}. */
  record Padded(String name, int extra) {
    String longName() {
      return name + "x".repeat(200 - name.length() + extra);
    }
  }

  /** Up to 100 characters of a printable name, then a lone {@code surrogate} and an {@code x}. */
  record WithSurrogate(String name, int surrogate) {
    String bad() {
      return name.substring(0, Math.min(name.length(), 100)) + (char) surrogate + "x";
    }
  }
}
