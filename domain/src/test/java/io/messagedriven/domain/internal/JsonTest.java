package io.messagedriven.domain.internal;

import io.messagedriven.domain.user.User;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payload writer behind {@link User#create}: every string it writes must be valid JSON. */
class JsonTest {

  @Test
  void writesFieldsInTheirOrder() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("b", "2");
    fields.put("a", "1");

    assertThat(Json.object(fields)).isEqualTo("{\"b\":\"2\",\"a\":\"1\"}");
  }

  @Test
  void writesAnEmptyObject() {
    assertThat(Json.object(Map.of())).isEqualTo("{}");
  }

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(Json.object(Map.of("say", "\"hi\" \\o/"))).isEqualTo("{\"say\":\"\\\"hi\\\" \\\\o/\"}");
  }

  @Test
  void escapesKeysToo() {
    assertThat(Json.object(Map.of("a\"b", "v"))).isEqualTo("{\"a\\\"b\":\"v\"}");
  }

  @Test
  void escapesControlCharacters() {
    assertThat(Json.object(Map.of("k", "\n\r\t\b\f\u0000\u001f\u007f")))
        .isEqualTo("{\"k\":\"\\n\\r\\t\\u0008\\u000c\\u0000\\u001f\\u007f\"}");
  }

  @Test
  void keepsNonAsciiAndSurrogatePairsAsTheyAre() {
    assertThat(Json.object(Map.of("k", "Zoë 😀 ✓"))).isEqualTo("{\"k\":\"Zoë 😀 ✓\"}");
  }

  @Test
  void escapesLoneSurrogatesSoTheOutputIsValidUnicode() {
    String loneHigh = "a\ud83db";
    String loneLow = "a\ude00b";
    String highThenPair = "\ud83d\ud83d\ude00";

    assertThat(Json.object(Map.of("k", loneHigh))).isEqualTo("{\"k\":\"a\\ud83db\"}");
    assertThat(Json.object(Map.of("k", loneLow))).isEqualTo("{\"k\":\"a\\ude00b\"}");
    assertThat(Json.object(Map.of("k", highThenPair))).isEqualTo("{\"k\":\"\\ud83d\ud83d\ude00\"}");
  }
}
