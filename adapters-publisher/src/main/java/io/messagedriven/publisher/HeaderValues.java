package io.messagedriven.publisher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The two percent-encodings of header values for transports that carry printable ASCII only:
 * the library's own, with the RFC 8187 marker, and the one the CloudEvents HTTP and NATS bindings
 * prescribe for their {@code ce-} headers.
 */
final class HeaderValues {
  /**
   * RFC 8187 {@code attr-char}s other than letters and digits, the bytes left as they are; less
   * {@code +}, so that form decoders (which read it as a space) decode the value right too.
   */
  private static final String ATTR_CHARS = "!#$&-.^_`|~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private HeaderValues() {}

  static String encode(String value) {
    if (plain(value)) {
      return value;
    }
    StringBuilder encoded = new StringBuilder(MessageHeaders.ENCODED_PREFIX);
    for (byte b : utf8(value)) {
      int c = b & 0xff;
      if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
        encoded.append((char) c);
      } else {
        percent(encoded, c);
      }
    }
    return encoded.toString();
  }

  /** Printable ASCII, without a space at either end, and not mistakable for an encoded value. */
  private static boolean plain(String value) {
    if (value.isEmpty()) {
      return true;
    }
    if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' '
        || value.regionMatches(true, 0, MessageHeaders.ENCODED_PREFIX, 0, MessageHeaders.ENCODED_PREFIX.length())) {
      return false;
    }
    return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  static String decode(String value) {
    String prefix = MessageHeaders.ENCODED_PREFIX;
    if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return value;
    }
    return percentDecode(value.substring(prefix.length()), value);
  }

  /**
   * The CloudEvents bindings' encoding: space, {@code "}, {@code %} and everything outside
   * printable ASCII become {@code %XX} of their UTF-8 bytes; nothing marks the value.
   */
  static String cloudEvents(String value) {
    StringBuilder encoded = new StringBuilder(value.length());
    for (byte b : utf8(value)) {
      int c = b & 0xff;
      if (c > 0x20 && c < 0x7f && c != '"' && c != '%') {
        encoded.append((char) c);
      } else {
        percent(encoded, c);
      }
    }
    return encoded.toString();
  }

  private static void percent(StringBuilder out, int b) {
    out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
  }

  private static byte[] utf8(String value) {
    try {
      ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .encode(CharBuffer.wrap(value));
      byte[] array = new byte[bytes.remaining()];
      bytes.get(array);
      return array;
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("header value is not text (unpaired surrogate): " + value, e);
    }
  }

  private static String percentDecode(String encoded, String whole) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("header value has a truncated %XX escape: " + whole);
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("header value has a bad %XX escape: " + whole);
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        throw new IllegalArgumentException("encoded header value holds a character outside ASCII: " + whole);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("encoded header value is not UTF-8: " + whole, e);
    }
  }
}
