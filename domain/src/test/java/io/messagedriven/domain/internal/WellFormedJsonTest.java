package io.messagedriven.domain.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The strict RFC 8259 check behind {@code Event}'s payload; generated cases are in {@link WellFormedJsonPropertiesTest}. */
class WellFormedJsonTest {

  private static void assertWellFormed(String json) {
    assertThat(WellFormedJson.problem(json)).as("problem of %s", json).isEmpty();
  }

  private static void assertNotJson(String json, String problem) {
    assertThat(problemOf(json)).isEqualTo("it is not well-formed JSON: " + problem);
  }

  private static String problemOf(String json) {
    Optional<String> problem = WellFormedJson.problem(json);
    assertThat(problem).as("problem of %s", json).isPresent();
    return problem.get();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "\"\"", "\"text\"", "0", "42", "true", "false", "null",
      "{\"a\":1}", "[1,\"two\",true,false,null,{},[]]", "{\"a\":{\"b\":[{\"c\":null}]}}"})
  void acceptsAnyValueAtTheTopLevel(String json) {
    assertWellFormed(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "1", "-1", "10", "9007199254740993", "123456789012345678901234567890",
      "0.5", "-0.0", "3.14159", "1e5", "1E5", "1e+5", "1e-5", "1E-05", "1.25e-10", "0e0", "-0.0e-0", "1e999999"})
  void acceptsNumbersOfTheGrammar(String number) {
    assertWellFormed(number);
    assertWellFormed("[" + number + "]");
    assertWellFormed("{\"n\":" + number + "}");
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "01      | unexpected '1' at offset 1 after the JSON value",
      "-01     | unexpected '1' at offset 2 after the JSON value",
      "+1      | unexpected '+' at offset 0 where a value belongs",
      ".5      | unexpected '.' at offset 0 where a value belongs",
      "5.      | the number at offset 0 has no digit after '.'",
      "1.e5    | the number at offset 0 has no digit after '.'",
      "1e      | the number at offset 0 has no digit in its exponent",
      "1e+     | the number at offset 0 has no digit in its exponent",
      "-       | the number at offset 0 has no digit after '-'",
      "--1     | the number at offset 0 has no digit after '-'",
      "-a      | the number at offset 0 has no digit after '-'",
      "0x10    | unexpected 'x' at offset 1 after the JSON value",
      "1_000   | unexpected '_' at offset 1 after the JSON value",
      "NaN     | unexpected 'N' at offset 0 where a value belongs",
      "Infinity| unexpected 'I' at offset 0 where a value belongs",
      "[-Infinity] | the number at offset 1 has no digit after '-'",
      "[1.5.2] | unexpected '.' at offset 4 where ',' or ']' belongs"})
  void refusesNumbersOutsideTheGrammar(String json, String problem) {
    assertNotJson(json, problem);
  }

  @Test
  void refusesDigitsOtherThanAscii() {
    assertThat(problemOf("\u0661")).isEqualTo("it is not well-formed JSON: unexpected U+0661 at offset 0 where a value belongs");
    assertThat(problemOf("1\uff10")).contains("unexpected U+FF10 at offset 1 after the JSON value");
  }

  @Test
  void acceptsEveryShortEscape() {
    assertWellFormed("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u0041", "\\u00e9", "\\u00E9", "\\uFFFF", "\\ufeff", "\\u0001", "\\u001f", "\\u007f",
      "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\uDBFF\\uDFFF", "\\ud800\\udc00", "a\\u0062c"})
  void acceptsUnicodeEscapesOfAnyCaseAndEscapedSurrogatePairs(String escaped) {
    assertWellFormed("\"" + escaped + "\"");
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "\"\\x\"        | unknown escape \\'x' at offset 1",
      "\"\\U00e9\"    | unknown escape \\'U' at offset 1",
      "\"\\'\"        | unknown escape \\''' at offset 1",
      "\"\\u12\"      | the escape \\u at offset 1 has fewer than 4 hex digits",
      "\"\\u12g4\"    | the escape \\u at offset 1 has fewer than 4 hex digits",
      "\"\\u\"        | the escape \\u at offset 1 has fewer than 4 hex digits",
      "\"\\u00e\"     | the escape \\u at offset 1 has fewer than 4 hex digits",
      "\"\\           | the string at offset 0 is not closed",
      "\"abc          | the string at offset 0 is not closed",
      "[\"a\\\"]      | the string at offset 1 is not closed",
      "'single'       | unexpected ''' at offset 0 where a value belongs"})
  void refusesMalformedStringsAndEscapes(String json, String problem) {
    assertNotJson(json, problem);
  }

  @Test
  void refusesHexDigitsOtherThanAscii() {
    assertThat(problemOf("\"\\u\u0661\u0662\u0663\u0664\"")).endsWith("has fewer than 4 hex digits");
    assertThat(problemOf("\"\\u\uff41bcd\"")).endsWith("has fewer than 4 hex digits");
  }

  @Test
  void refusesControlCharactersThatAreNotEscaped() {
    assertThat(problemOf("\"a\tb\""))
        .isEqualTo("it is not well-formed JSON: the control character U+0009 at offset 2 is not escaped");
    assertThat(problemOf("\"\n\"")).contains("U+000A at offset 1 is not escaped");
    assertThat(problemOf("\"\u001f\"")).contains("U+001F");
  }

  @Test
  void keepsDeleteAndC1ControlsAndNonCharactersInStringsAsTheGrammarAllows() {
    assertWellFormed("\"\u007f\u0085\u009f\ufffe\uffff\u2028\"");
  }

  @Test
  void refusesANulCharacterRawOrEscapedWhereverItIs() {
    assertThat(problemOf("\"a\u0000\""))
        .isEqualTo("it contains a NUL character (U+0000) at offset 2, which PostgreSQL cannot store");
    assertThat(problemOf("\u0000")).startsWith("it contains a NUL character (U+0000) at offset 0");
    assertThat(problemOf("[1\u0000]")).startsWith("it contains a NUL character (U+0000) at offset 2");
    assertThat(problemOf("{}\u0000")).startsWith("it contains a NUL character (U+0000) at offset 2");
    assertThat(problemOf("{\"a\":\"x\\u0000\"}"))
        .isEqualTo("it contains an escaped NUL character (\\u0000) at offset 7, which PostgreSQL cannot store");
    assertThat(problemOf("{\"\\u0000\":1}")).startsWith("it contains an escaped NUL character (\\u0000) at offset 2");
  }

  @Test
  void refusesAnUnpairedSurrogateRawOrEscapedWhereverItIs() {
    assertThat(problemOf("\"a\ud800\"")).isEqualTo("it contains the unpaired surrogate U+D800 at offset 2, which is not text");
    assertThat(problemOf("\"\udc00\"")).contains("unpaired surrogate U+DC00 at offset 1");
    assertThat(problemOf("\"\ude00\ud83d\"")).contains("unpaired surrogate U+DE00 at offset 1");
    assertThat(problemOf("[\ud800]")).contains("unpaired surrogate U+D800 at offset 1");
    assertThat(problemOf("\"\\ud800\""))
        .isEqualTo("it contains the escaped unpaired surrogate \\ud800 at offset 1, which is not text");
    assertThat(problemOf("\"\\uDFFF\"")).contains("escaped unpaired surrogate \\uDFFF at offset 1");
    assertThat(problemOf("\"\\ud83d\\u0041\"")).contains("escaped unpaired surrogate \\ud83d at offset 1");
    assertThat(problemOf("\"\\ud83d\\ud83d\\ude00\"")).contains("escaped unpaired surrogate \\ud83d at offset 1");
    assertThat(problemOf("\"\\ude00\\ud83d\"")).contains("escaped unpaired surrogate \\ude00 at offset 1");
    assertThat(problemOf("\"\\ud83d\ude00\"")).as("an escaped half and a raw half are no pair in UTF-8")
        .contains("escaped unpaired surrogate \\ud83d at offset 1");
    assertThat(problemOf("\"\\ud83dx\"")).contains("escaped unpaired surrogate");
    assertThat(problemOf("{\"\\ud800\":1}")).contains("escaped unpaired surrogate \\ud800 at offset 2");
  }

  @Test
  void keepsRawSurrogatePairsInStrings() {
    assertWellFormed("\"😀 \ud83d\ude00\"");
    assertThat(problemOf("😀")).isEqualTo("it is not well-formed JSON: unexpected U+D83D at offset 0 where a value belongs");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "false", "null", "[true,false,null]"})
  void acceptsTheThreeLiterals(String json) {
    assertWellFormed(json);
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "True    | unexpected 'T' at offset 0 where a value belongs",
      "nul     | the value at offset 0 is not null",
      "[fals]  | the value at offset 1 is not false",
      "tru e   | the value at offset 0 is not true",
      "nulll   | unexpected 'l' at offset 4 after the JSON value",
      "undefined | unexpected 'u' at offset 0 where a value belongs"})
  void refusesOtherWords(String json, String problem) {
    assertNotJson(json, problem);
  }

  @Test
  void acceptsTheFourWhiteSpaceCharactersAroundEveryToken() {
    String ws = " \t\r\n";
    assertWellFormed(ws + "{" + ws + "\"a\"" + ws + ":" + ws + "[" + ws + "1" + ws + "," + ws + "{" + ws + "}"
        + ws + "," + ws + "[" + ws + "]" + ws + "]" + ws + "," + ws + "\"b\"" + ws + ":" + ws + "null" + ws + "}" + ws);
    assertWellFormed("\n\n42\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00a0[]", "[]\u00a0", "\f[]", "\u000b[]", "[\u2028]", "\u3000{}", "\ufeff{}", "[]\u0085"})
  void refusesOtherWhiteSpaceAndAByteOrderMark(String json) {
    assertThat(problemOf(json)).startsWith("it is not well-formed JSON: unexpected U+");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t"})
  void refusesNothingAtAll(String json) {
    assertThat(problemOf(json)).isEqualTo("it is not well-formed JSON: it ends where a value belongs");
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "[1,]          | unexpected ']' at offset 3 where a value belongs",
      "[,1]          | unexpected ',' at offset 1 where a value belongs",
      "[1 2]         | unexpected '2' at offset 3 where ',' or ']' belongs",
      "{\"a\"}       | unexpected '}' at offset 4 where ':' belongs",
      "{\"a\":}      | unexpected '}' at offset 5 where a value belongs",
      "{\"a\":1,}    | unexpected '}' at offset 7 where a member name in quotes belongs",
      "{\"a\":1 \"b\":2} | unexpected '\"' at offset 7 where ',' or '}' belongs",
      "{,}           | unexpected ',' at offset 1 where a member name in quotes belongs",
      "{1:2}         | unexpected '1' at offset 1 where a member name in quotes belongs",
      "{a:1}         | unexpected 'a' at offset 1 where a member name in quotes belongs",
      "{\"a\"=1}     | unexpected '=' at offset 4 where ':' belongs",
      "[}            | unexpected '}' at offset 1 where a value belongs",
      "{]            | unexpected ']' at offset 1 where a member name in quotes belongs",
      "[[]           | it ends where ',' or ']' belongs",
      "{\"a\":[1}    | unexpected '}' at offset 7 where ',' or ']' belongs",
      "[]]           | unexpected ']' at offset 2 after the JSON value",
      "{} {}         | unexpected '{' at offset 3 after the JSON value",
      "[] x          | unexpected 'x' at offset 3 after the JSON value",
      "\"a\" \"b\"   | unexpected '\"' at offset 4 after the JSON value",
      "{             | it ends where a member name in quotes belongs",
      "{\"a\"        | it ends where ':' belongs",
      "{\"a\":       | it ends where a value belongs",
      "[1,           | it ends where a value belongs",
      "[1            | it ends where ',' or ']' belongs",
      "/* c */ {}    | unexpected '/' at offset 0 where a value belongs"})
  void refusesBrokenStructure(String json, String problem) {
    assertNotJson(json, problem);
  }

  @Test
  void acceptsEmptyAndNestedContainers() {
    assertWellFormed("[{}]");
    assertWellFormed("{\"a\":{}}");
    assertWellFormed("[[],[[]],{\"a\":[]}]");
    assertWellFormed("{\"\":\"\"}");
  }

  @Test
  void acceptsDuplicateMemberNamesAsTheGrammarDoes() {
    assertWellFormed("{\"a\":1,\"a\":2}");
  }

  @Test
  void acceptsNestingUpTo512LevelsAndRefusesDeeper() {
    assertWellFormed("[".repeat(512) + "]".repeat(512));
    assertWellFormed("{\"a\":".repeat(511) + "[]" + "}".repeat(511));
    assertWellFormed("[{\"a\":".repeat(256) + "1" + "}]".repeat(256));

    assertThat(problemOf("[".repeat(513) + "]".repeat(513)))
        .isEqualTo("it is not well-formed JSON: it is nested deeper than 512 levels at offset 512");
    assertThat(problemOf("{\"a\":".repeat(513) + "1" + "}".repeat(513))).contains("nested deeper than 512 levels");
  }

  @Test
  void emptyContainersDoNotCountAsOpenLevels() {
    assertWellFormed("[".repeat(511) + "[],[],{}" + "]".repeat(511));
  }

  @Test
  void aMillionOpenBracketsAreRefusedWithoutOverflowingTheStack() {
    assertThat(problemOf("[".repeat(1_000_000))).contains("nested deeper than 512 levels");
    assertThat(problemOf("{\"a\":".repeat(200_000))).contains("nested deeper than 512 levels");
  }

  /** A check quadratic in the length would take hours on these; a linear one takes milliseconds. */
  @Test
  void checksAMebibyteInLinearTime() {
    String manyNumbers = "[" + "1,".repeat(500_000) + "1]";
    String longString = "\"" + "\\u00e9".repeat(170_000) + "\"";
    String deepAndWide = "[" + ("[".repeat(500) + "]".repeat(500) + ",").repeat(1_000) + "0]";
    String manyMembers = "{" + "\"k\":{},".repeat(150_000) + "\"k\":0}";

    assertTimeout(Duration.ofSeconds(30), () -> {
      assertWellFormed(manyNumbers);
      assertWellFormed(longString);
      assertWellFormed(deepAndWide);
      assertWellFormed(manyMembers);
    });
  }
}
