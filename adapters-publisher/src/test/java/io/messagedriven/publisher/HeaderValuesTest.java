package io.messagedriven.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderValuesTest {

  @ParameterizedTest
  @ValueSource(strings = {"user-1", "Ada Lovelace", "100% sure", "a'b\"c", "{\"json\": [1, 2]}", "~!@#$^&*()_+=`|\\<>?,./;:"})
  void printableAsciiGoesAsItIs(String value) {
    assertThat(MessageHeaders.encodeValue(value)).isEqualTo(value);
    assertThat(MessageHeaders.decodeValue(value)).isEqualTo(value);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "José | UTF-8''Jos%C3%A9",
      "Straße-1 | UTF-8''Stra%C3%9Fe-1",
      "🚀 launch | UTF-8''%F0%9F%9A%80%20launch",
      "Ünïcödé 100% | UTF-8''%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20100%25",
      "UTF-8''looks-encoded | UTF-8''UTF-8%27%27looks-encoded",
      "utf-8''x | UTF-8''utf-8%27%27x",
      "a+b é | UTF-8''a%2Bb%20%C3%A9"})
  void anythingElseIsPercentEncodedUtf8AfterTheMarker(String value, String encoded) {
    assertThat(MessageHeaders.encodeValue(value)).isEqualTo(encoded);
    assertThat(MessageHeaders.decodeValue(encoded)).isEqualTo(value);
  }

  @Test
  void spacesAtEitherEndAndControlCharactersAreEncodedSoNoTransportTrimsThem() {
    assertThat(MessageHeaders.encodeValue(" a ")).isEqualTo("UTF-8''%20a%20");
    assertThat(MessageHeaders.encodeValue("a\tb\r\n")).isEqualTo("UTF-8''a%09b%0D%0A");
    assertThat(MessageHeaders.encodeValue("")).isEmpty();
  }

  @Test
  void everyStringOfTextRoundTrips() {
    Random random = new Random(42);
    int[] pool = {'a', 'Z', '0', ' ', '%', '\'', '"', '+', '~', 0x7f, 0x09, 0xe9, 0xdf, 0x20ac, 0x1f600, 0x10ffff};
    for (int run = 0; run < 5_000; run++) {
      StringBuilder value = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        value.appendCodePoint(pool[random.nextInt(pool.length)]);
      }
      String encoded = MessageHeaders.encodeValue(value.toString());
      assertThat(encoded).matches("[\\x20-\\x7e]*");
      assertThat(MessageHeaders.decodeValue(encoded)).isEqualTo(value.toString());
    }
  }

  @Test
  void commonPercentDecodersReadTheValueAfterTheMarker() {
    String value = "José + Straße 😀 100%";
    String encoded = MessageHeaders.encodeValue(value).substring(MessageHeaders.ENCODED_PREFIX.length());
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(value);
  }

  @Test
  void decodingAcceptsLowerCaseAndRefusesWhatNoEncoderWrote() {
    assertThat(MessageHeaders.decodeValue("utf-8''Jos%c3%a9")).isEqualTo("José");
    assertThatThrownBy(() -> MessageHeaders.decodeValue("UTF-8''bad%2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageHeaders.decodeValue("UTF-8''bad%zz")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageHeaders.decodeValue("UTF-8''%C0%A0")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not UTF-8");
  }

  @Test
  void anUnpairedSurrogateIsNotTextAndIsRefused() {
    assertThatThrownBy(() -> MessageHeaders.encodeValue("a\ud800b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cloudEventsEncodingIsTheBindingsOwnWithoutMarker() {
    // the example of the CloudEvents HTTP and NATS bindings
    assertThat(HeaderValues.cloudEvents("Euro € 😀")).isEqualTo("Euro%20%E2%82%AC%20%F0%9F%98%80");
    assertThat(HeaderValues.cloudEvents("100% \"x\"")).isEqualTo("100%25%20%22x%22");
    assertThat(HeaderValues.cloudEvents("/tenants/t/User")).isEqualTo("/tenants/t/User");
  }
}
