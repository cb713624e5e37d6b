package io.messagedriven.domain.internal;

import io.messagedriven.domain.testing.ForAll;
import io.messagedriven.domain.testing.Inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Generated cases for {@link WellFormedJson}: documents built by the grammar are accepted, any
 * cut or addition that breaks the grammar is refused, and any text at all gets an answer.
 */
class WellFormedJsonPropertiesTest {
  private static final String WHITE_SPACE = " \t\r\n";
  private static final String JSON_LIKE = "{}[]:,\"\\ \t\n01-+.eEtrufalsn/u";

  private static final List<String> DOCUMENTS = List.of("{}", "[]", "0", "-0", "\"\"", "true", "null", "[[[]]]",
      " {\"a\" : [1, -0.5e+7, \"\\u00e9\\ud83d\\ude00😀\", true, null, {}]} ", "{\"\":{\"\":[]}}", "[\"\\\"\\\\\\/\"]");
  private static final List<String> CONTAINERS = List.of("{}", "[]", "[[]]", "{\"a\":1}", "[1,2]", "[\"]\"]",
      "{\"a\":\"}\"}", "[1e5]", "[-0.0]", "{\"a\":[{}]}", "[true]", "[null]");
  private static final List<String> ANY_TEXTS = List.of("", "{", "}", "[", "]", "\"", "\\", ":", ",", "-", "0", "00",
      "1.", "tru", "nul", "\"\\u\"", "\"\\ud800\"", "\"\\u0000\"", "\u0000", "\ud800", "[1,]", "{\"a\"}", "{} {}");

  @Test
  void documentsMadeByTheGrammarAreAccepted() {
    ForAll.check(DOCUMENTS, 3000, inputs -> document(inputs, 5),
        json -> assertThat(WellFormedJson.problem(json)).isEmpty());
  }

  @Test
  void everyCutOfAnArrayOrObjectIsRefused() {
    ForAll.check(CONTAINERS, 500, inputs -> container(inputs, 2), json -> {
      String trimmed = json.strip();
      for (int length = 0; length < trimmed.length(); length++) {
        assertThat(WellFormedJson.problem(trimmed.substring(0, length))).as("cut at %d", length).isPresent();
      }
    });
  }

  @Test
  void aDocumentFollowedByMoreThanWhiteSpaceIsRefused() {
    List<Appended> edgeCases = List.of(new Appended("0", "0"), new Appended("{}", "{}"), new Appended("\"a\"", "\""),
        new Appended("[]", "]"), new Appended("null", ","), new Appended("1", "\u00a0"));
    ForAll.check(edgeCases, 2000, inputs -> new Appended(document(inputs, 3), junk(inputs)), appended -> {
      assertThat(WellFormedJson.problem(appended.document())).isEmpty();
      assertThat(WellFormedJson.problem(appended.document() + appended.junk())).isPresent();
    });
  }

  @Test
  void anyTextGetsTheSameAnswerAsTheOnlyElementOfAnArrayOrObject() {
    ForAll.check(ANY_TEXTS, 3000,
        inputs -> inputs.between(0, 1) == 0 ? inputs.anyString(40) : inputs.string(JSON_LIKE, 0, 20), text -> {
          boolean wellFormed = WellFormedJson.problem(text).isEmpty();
          if (wellFormed || !text.isBlank() && text.indexOf(',') < 0) {  // else the wrapped text may hold more
            assertThat(WellFormedJson.problem("[" + text + "]").isEmpty()).isEqualTo(wellFormed);
            assertThat(WellFormedJson.problem("{\"k\":" + text + "}").isEmpty()).isEqualTo(wellFormed);
          }
        });
  }

  @Test
  void objectsThePayloadWriterWritesAreAcceptedUnlessTheyHoldNulOrALoneSurrogate() {
    ForAll.check(List.<Map<String, String>>of(Map.of(), Map.of("k", "\u0000"), Map.of("\ud800", "v"),
            Map.of("k", "\"\\\n\u001f\u007f")),
        2000, inputs -> fields(inputs), fields -> {
          String json = Json.object(fields);
          boolean storable = fields.entrySet().stream()
              .allMatch(field -> storable(field.getKey()) && storable(field.getValue()));

          assertThat(WellFormedJson.problem(json).isEmpty()).as("%s", json).isEqualTo(storable);
        });
  }

  private static boolean storable(String text) {
    return text.indexOf('\u0000') < 0 && !Check.hasUnpairedSurrogate(text);
  }

  private static Map<String, String> fields(Inputs inputs) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = inputs.between(0, 4); i > 0; i--) {
      fields.put(inputs.anyString(10), inputs.anyString(20));
    }
    return fields;
  }

  /** Any JSON value nested at most {@code depth} levels, with white space around its tokens. */
  private static String document(Inputs inputs, int depth) {
    return space(inputs) + value(inputs, depth) + space(inputs);
  }

  private static String value(Inputs inputs, int depth) {
    int kind = depth == 0 ? inputs.between(2, 7) : inputs.between(0, 7);
    return switch (kind) {
      case 0 -> array(inputs, depth);
      case 1 -> object(inputs, depth);
      case 2, 3 -> string(inputs);
      case 4, 5 -> number(inputs);
      default -> List.of("true", "false", "null").get(inputs.between(0, 2));
    };
  }

  private static String container(Inputs inputs, int depth) {
    return inputs.between(0, 1) == 0 ? array(inputs, depth) : object(inputs, depth);
  }

  private static String array(Inputs inputs, int depth) {
    List<String> elements = inputs.list(0, 4, each -> space(each) + value(each, depth - 1) + space(each));
    return "[" + (elements.isEmpty() ? space(inputs) : String.join(",", elements)) + "]";
  }

  private static String object(Inputs inputs, int depth) {
    List<String> members = inputs.list(0, 4, each -> space(each) + string(each) + space(each) + ":"
        + space(each) + value(each, depth - 1) + space(each));
    return "{" + (members.isEmpty() ? space(inputs) : String.join(",", members)) + "}";
  }

  /** A number of every shape the grammar allows: sign, zero or digits, fraction, exponent. */
  private static String number(Inputs inputs) {
    StringBuilder number = new StringBuilder(inputs.between(0, 1) == 0 ? "" : "-");
    number.append(inputs.between(0, 2) == 0 ? "0" : inputs.string("123456789", 1, 1) + inputs.string("0123456789", 0, 8));
    if (inputs.between(0, 1) == 0) {
      number.append('.').append(inputs.string("0123456789", 1, 6));
    }
    if (inputs.between(0, 2) == 0) {
      number.append(inputs.charIn("eE")).append(inputs.string("+-", 0, 1)).append(inputs.string("0123456789", 1, 4));
    }
    return number.toString();
  }

  /**
   * A string of any characters but NUL and lone surrogates, each kept raw or escaped at random
   * (quotes, backslashes and controls always escaped), surrogate pairs as two escapes.
   */
  private static String string(Inputs inputs) {
    String text = inputs.anyString(12);
    StringBuilder json = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      if (c == 0 || Character.isSurrogate(c) && !pair) {
        continue;
      }
      boolean escape = c == '"' || c == '\\' || c < 0x20 || inputs.between(0, 3) == 0;
      if (!escape) {
        json.append(c);
        if (pair) {
          json.append(text.charAt(++i));
        }
      } else if (pair) {
        json.append(unicode(c, inputs)).append(unicode(text.charAt(++i), inputs));
      } else {
        int shortForm = "\"\\/\b\f\n\r\t".indexOf(c);
        json.append(shortForm >= 0 && inputs.between(0, 1) == 0 ? "\\" + "\"\\/bfnrt".charAt(shortForm) : unicode(c, inputs));
      }
    }
    return json.append('"').toString();
  }

  private static String unicode(char c, Inputs inputs) {
    String hex = String.format("%04x", (int) c);
    return "\\u" + (inputs.between(0, 1) == 0 ? hex : hex.toUpperCase());
  }

  private static String space(Inputs inputs) {
    return inputs.between(0, 2) == 0 ? inputs.string(WHITE_SPACE, 1, 3) : "";
  }

  /** JSON white space, so it cannot continue a number or word, then something else. */
  private static String junk(Inputs inputs) {
    String junk;
    do {
      junk = inputs.anyString(6);
    } while (junk.isEmpty() || WHITE_SPACE.indexOf(junk.charAt(0)) >= 0);
    return inputs.string(WHITE_SPACE, 1, 2) + junk;
  }

  record Appended(String document, String junk) {}
}
