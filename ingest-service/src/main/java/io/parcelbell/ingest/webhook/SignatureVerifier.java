package io.parcelbell.ingest.webhook;

import static io.parcelbell.ingest.webhook.SignatureRejectedException.SIGNATURE_INVALID;
import static io.parcelbell.ingest.webhook.SignatureRejectedException.SIGNATURE_MALFORMED;
import static io.parcelbell.ingest.webhook.SignatureRejectedException.SIGNATURE_MISSING;
import static io.parcelbell.ingest.webhook.SignatureRejectedException.TIMESTAMP_MALFORMED;
import static io.parcelbell.ingest.webhook.SignatureRejectedException.TIMESTAMP_MISSING;
import static io.parcelbell.ingest.webhook.SignatureRejectedException.TIMESTAMP_STALE;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DeliveryAPI's webhook signature: {@code sha256=} + hex HMAC-SHA256(secret, "{timestamp}.{raw
 * body}"). It runs on the raw bytes as received, before any JSON parsing: re-serialized JSON would
 * hash different bytes, and unauthenticated input must not reach the parser.
 */
final class SignatureVerifier {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";
  private static final int MAX_TIMESTAMP_DIGITS = 12;
  private static final int SHA256_HEX_LENGTH = 64;

  /**
   * One Mac per secret, keyed once here and never used itself: each verification hashes with a
   * clone (a Mac is stateful), which skips the provider lookup and key setup that {@code
   * Mac.getInstance} and {@code init} cost on every webhook.
   */
  private final List<Mac> keyedMacs;

  private final Duration tolerance;
  private final Clock clock;

  SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.keyedMacs = secrets.stream().map(SignatureVerifier::keyedMac).toList();
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Returns normally when some configured secret signed exactly these bytes, recently enough. */
  void verify(String timestamp, String signature, byte[] rawBody) {
    if (timestamp == null || timestamp.isBlank()) {
      throw new SignatureRejectedException(TIMESTAMP_MISSING, "X-Webhook-Timestamp is missing");
    }
    if (signature == null || signature.isBlank()) {
      throw new SignatureRejectedException(SIGNATURE_MISSING, "X-Webhook-Signature is missing");
    }
    if (!isUnixSeconds(timestamp)) {
      throw new SignatureRejectedException(
          TIMESTAMP_MALFORMED, "X-Webhook-Timestamp must be Unix seconds");
    }
    Instant sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    if (Duration.between(sentAt, clock.instant()).abs().compareTo(tolerance) > 0) {
      // A replayed capture is only dangerous while it is fresh; both directions count.
      throw new SignatureRejectedException(
          TIMESTAMP_STALE,
          "X-Webhook-Timestamp is more than " + tolerance.toSeconds() + " s from server time");
    }
    String hex =
        signature.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
            ? signature.substring(PREFIX.length())
            : signature;
    if (!isSha256Hex(hex)) {
      throw new SignatureRejectedException(
          SIGNATURE_MALFORMED, "X-Webhook-Signature must be sha256= and 64 hex digits");
    }
    byte[] presented = HexFormat.of().parseHex(hex);
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (Mac keyed : keyedMacs) {
      // No early exit: every secret is tried, so timing does not tell which one matched.
      matched |= MessageDigest.isEqual(hmac(keyed, prefix, rawBody), presented);
    }
    if (!matched) {
      throw new SignatureRejectedException(
          SIGNATURE_INVALID, "X-Webhook-Signature does not match the body");
    }
  }

  /** 1 to 12 ASCII digits (no sign, no spaces): Unix seconds until the year 33658. */
  private static boolean isUnixSeconds(String value) {
    if (value.isEmpty() || value.length() > MAX_TIMESTAMP_DIGITS) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isSha256Hex(String value) {
    if (value.length() != SHA256_HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!HexFormat.isHexDigit(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static byte[] hmac(Mac keyed, byte[] prefix, byte[] rawBody) {
    Mac mac = copyOf(keyed);
    mac.update(prefix);
    return mac.doFinal(rawBody);
  }

  private static Mac keyedMac(String secret) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      copyOf(mac); // a provider whose Mac cannot be cloned fails here, at startup
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static Mac copyOf(Mac keyed) {
    try {
      return (Mac) keyed.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the HmacSHA256 provider cannot clone a keyed Mac", e);
    }
  }
}
