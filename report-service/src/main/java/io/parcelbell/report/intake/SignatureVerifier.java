package io.parcelbell.report.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bizgo's optional report signature: {@code X-IB-Signature} = HMAC-SHA256(secret, the {@code
 * X-IB-Timestamp} string). The provider's documentation does not fix the encoding, so both hex
 * (either case) and base64 are accepted; comparison is constant-time on the decoded MAC.
 */
final class SignatureVerifier {

  private static final Pattern HEX_MAC = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern EPOCH_MILLIS = Pattern.compile("\\d{1,19}");

  private final byte[] secret;

  SignatureVerifier(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  boolean verify(String timestamp, String signature) {
    if (timestamp == null || signature == null || !EPOCH_MILLIS.matcher(timestamp).matches()) {
      return false;
    }
    byte[] presented = decode(signature.trim());
    return presented != null && MessageDigest.isEqual(mac(timestamp), presented);
  }

  /** The MAC a signature header spells (hex in either case, or Base64), or null. */
  static byte[] decode(String signature) {
    if (HEX_MAC.matcher(signature).matches()) {
      return HexFormat.of().parseHex(signature.toLowerCase());
    }
    try {
      return Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
  }

  private byte[] mac(String timestamp) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }
}
