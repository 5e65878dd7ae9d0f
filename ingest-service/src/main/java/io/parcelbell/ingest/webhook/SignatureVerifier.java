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
import java.util.regex.Pattern;
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
  private static final Pattern UNIX_SECONDS = Pattern.compile("\\d{1,12}");
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

  private final List<SecretKeySpec> secrets;
  private final Duration tolerance;
  private final Clock clock;

  SignatureVerifier(List<String> secrets, Duration tolerance, Clock clock) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret is required");
    }
    this.secrets =
        secrets.stream()
            .map(s -> new SecretKeySpec(s.getBytes(StandardCharsets.UTF_8), ALGORITHM))
            .toList();
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
    if (!UNIX_SECONDS.matcher(timestamp).matches()) {
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
    if (!SHA256_HEX.matcher(hex).matches()) {
      throw new SignatureRejectedException(
          SIGNATURE_MALFORMED, "X-Webhook-Signature must be sha256= and 64 hex digits");
    }
    byte[] presented = HexFormat.of().parseHex(hex);
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    boolean matched = false;
    for (SecretKeySpec secret : secrets) {
      // No early exit: every secret is tried, so timing does not tell which one matched.
      matched |= MessageDigest.isEqual(hmac(secret, prefix, rawBody), presented);
    }
    if (!matched) {
      throw new SignatureRejectedException(
          SIGNATURE_INVALID, "X-Webhook-Signature does not match the body");
    }
  }

  private static byte[] hmac(SecretKeySpec secret, byte[] prefix, byte[] rawBody) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM); // Mac is stateful: one per call keeps this thread-safe.
      mac.init(secret);
      mac.update(prefix);
      return mac.doFinal(rawBody);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
