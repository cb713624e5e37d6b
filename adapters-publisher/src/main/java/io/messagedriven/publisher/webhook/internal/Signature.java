package io.messagedriven.publisher.webhook.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature: {@code v1,} and the base64 HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>} with the shared secret.
 */
public final class Signature {
  /** How Standard Webhooks marks a secret given as base64. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  private Signature(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
  }

  /**
   * The signature of a secret as configured: {@code whsec_} and base64 is the key those bytes
   * decode to; any other text is the key of its UTF-8 bytes.
   *
   * @throws IllegalArgumentException if the secret is empty or its {@code whsec_} part is not
   *     base64 of at least one byte; the message never shows the secret
   */
  public static Signature of(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("secret is required, was " + (secret == null ? "null" : "empty"));
    }
    if (!secret.startsWith(SECRET_PREFIX)) {
      return new Signature(secret.getBytes(StandardCharsets.UTF_8));
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret starting with " + SECRET_PREFIX
          + " must be base64 after it, was not (value not shown)");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("secret starting with " + SECRET_PREFIX + " must hold a key after it, was empty");
    }
    return new Signature(key);
  }

  /** The {@code webhook-signature} value of one message. */
  public String sign(String id, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
