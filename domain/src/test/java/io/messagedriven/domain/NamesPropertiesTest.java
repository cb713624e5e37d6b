package io.messagedriven.domain;

import io.messagedriven.domain.internal.Check;
import io.messagedriven.domain.user.User;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Properties of the user and tenant names and the tenant slug: a name is kept as given (trimmed)
 * or refused with a typed error; a slug is accepted exactly when it follows the slug rules.
 */
class NamesPropertiesTest {

  @Property(tries = 2000)
  void anyUserNameIsKeptTrimmedOrRefusedWithATypedError(@ForAll String raw) {
    assertKeptOrRefused(raw, User::validName, "name");
  }

  @Property(tries = 2000)
  void anyTenantNameIsKeptTrimmedOrRefusedWithATypedError(@ForAll String raw) {
    assertKeptOrRefused(raw, Tenant::validName, "tenant name");
  }

  @Property
  void printableNamesUpTo200CharactersAreKeptVerbatim(@ForAll("printable") String name) {
    assertThat(User.validName(name)).isEqualTo(name);
    assertThat(Tenant.validName(name)).isEqualTo(name);
  }

  @Property
  void namesLongerThan200CharactersAreRefused(
      @ForAll("printable") String name, @ForAll @IntRange(min = 1, max = 1000) int extra) {
    String longName = name + "x".repeat(200 - name.length() + extra);

    assertThatThrownBy(() -> User.validName(longName)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("longer than 200");
  }

  @Property
  void blankNamesAreRefused(@ForAll("blank") String blank) {
    assertThatThrownBy(() -> User.validName(blank)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> Tenant.validName(blank)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("blank");
  }

  @Property
  void anUnpairedSurrogateIsRefused(
      @ForAll("printable") String name, @ForAll @IntRange(min = 0xd800, max = 0xdfff) int surrogate) {
    String bad = name.substring(0, Math.min(name.length(), 100)) + (char) surrogate + "x";

    assertThatThrownBy(() -> User.validName(bad)).isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("surrogate");
  }

  @Example
  void hostileButPrintableNamesAreKeptVerbatim() {
    for (String hostile : new String[] {
        "Robert'); DROP TABLE users; --", "'; DROP TABLE users; --", "\"quoted\"", "back\\slash", ":tenantId",
        "$1 ? %s %n", "<script>alert(1)</script>", "emoji \uD83D\uDE00 ok", "null"}) {
      assertThat(User.validName(hostile)).isEqualTo(hostile);
    }
  }

  @Property(tries = 3000)
  void aSlugIsAcceptedExactlyWhenItFollowsTheRules(@ForAll("slugLike") String slug) {
    assertSlugRule(slug);
  }

  @Property(tries = 1000)
  void anyStringIsASlugExactlyWhenItFollowsTheRules(@ForAll @StringLength(max = 70) String slug) {
    assertSlugRule(slug);
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

  @Provide
  Arbitrary<String> printable() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .withChars("é ü ß 中文 ")
        .ofMinLength(1).ofMaxLength(200)
        .filter(name -> name.strip().equals(name) && !name.isEmpty());
  }

  @Provide
  Arbitrary<String> blank() {
    return Arbitraries.strings().withChars(" \t\n\r\u2003\u3000").ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> slugLike() {
    return Arbitraries.strings().withChars("abz09-A_. ").ofMaxLength(66);
  }
}
