package io.parcelbell.report.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The signed report requests seen recently, by a digest of their timestamp, signature and body, so
 * that an exact replay inside the freshness window is refused. Bizgo's signature covers the
 * timestamp only: two real reports sent in the same millisecond share a header pair, so the body is
 * part of what makes a request the same.
 *
 * <p>Kept per replica in a bounded Caffeine cache (a request accepted on one replica and replayed
 * on another is not caught here; the settlement is idempotent, so it changes nothing). A request is
 * entered when it passes and taken out again when it could not be stored, so Bizgo's retry of a
 * request we answered 503 is not mistaken for a replay.
 */
final class SeenSignedReports {

  private final Cache<String, Boolean> seen;

  SeenSignedReports(Duration remembered, long maximum) {
    this.seen = Caffeine.newBuilder().expireAfterWrite(remembered).maximumSize(maximum).build();
  }

  /** Whether this request (timestamp, the signature's MAC bytes, body) was stored before. */
  boolean contains(String timestamp, byte[] mac, byte[] body) {
    return seen.getIfPresent(digest(timestamp, mac, body)) != null;
  }

  void remember(String timestamp, byte[] mac, byte[] body) {
    seen.put(digest(timestamp, mac, body), Boolean.TRUE);
  }

  // The decoded MAC, not the header's text: hex in another case or Base64 spells the same MAC.
  private static String digest(String timestamp, byte[] mac, byte[] body) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(timestamp.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) '\n');
      sha256.update(mac);
      sha256.update((byte) '\n');
      sha256.update(body);
      return Base64.getEncoder().withoutPadding().encodeToString(sha256.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
