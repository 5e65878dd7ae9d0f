package io.parcelbell.report.intake;

import io.parcelbell.report.config.ReportProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Decides whether a report request comes from Bizgo: the source address, then - when a secret is
 * set - a valid signature over a timestamp within {@code signature-max-age} of now, on a request
 * (timestamp, signature, body) not seen before.
 */
@Component
class ReportGuard {

  static final String TIMESTAMP_HEADER = "X-IB-Timestamp";
  static final String SIGNATURE_HEADER = "X-IB-Signature";

  enum Verdict {
    ACCEPTED,
    UNKNOWN_SOURCE,
    BAD_SIGNATURE,
    /** A valid signature over a timestamp too far from now: captured and played back, or a skew. */
    STALE_SIGNATURE,
    /** This exact signed request was accepted before, within the freshness window. */
    REPLAYED
  }

  private final List<Cidr> allowed;
  private final ClientIpResolver resolver;
  private final SignatureVerifier signatures;
  private final Duration maxAge;
  private final SeenSignedReports seen;
  private final Clock clock;

  ReportGuard(ReportProperties properties, Clock clock) {
    var bizgo = properties.bizgo();
    this.allowed = bizgo.allowedIps().stream().map(Cidr::parse).toList();
    this.resolver = new ClientIpResolver(bizgo.trustedProxies().stream().map(Cidr::parse).toList());
    this.signatures =
        bizgo.signatureRequired() ? new SignatureVerifier(bizgo.signatureSecret()) : null;
    this.maxAge = bizgo.signatureMaxAge();
    // Remembered for as long as a timestamp can be fresh: max age either side of it.
    this.seen = new SeenSignedReports(maxAge.multipliedBy(2), bizgo.signatureReplayMemory());
    this.clock = clock;
  }

  /** The verdict on a request with this body. */
  Verdict check(ServerHttpRequest request, byte[] body) {
    Optional<InetAddress> client = clientOf(request);
    if (client.isEmpty() || allowed.stream().noneMatch(cidr -> cidr.contains(client.get()))) {
      return Verdict.UNKNOWN_SOURCE;
    }
    if (signatures == null) {
      return Verdict.ACCEPTED;
    }
    String timestamp = request.getHeaders().getFirst(TIMESTAMP_HEADER);
    String signature = request.getHeaders().getFirst(SIGNATURE_HEADER);
    if (!signatures.verify(timestamp, signature)) {
      return Verdict.BAD_SIGNATURE;
    }
    if (!fresh(timestamp)) {
      return Verdict.STALE_SIGNATURE;
    }
    byte[] mac = SignatureVerifier.decode(signature.trim());
    return seen.contains(timestamp, mac, body) ? Verdict.REPLAYED : Verdict.ACCEPTED;
  }

  /**
   * A signed request whose report is now held by Kafka: an exact copy of it is refused from now on.
   * Remembered only once stored, so Bizgo's retry of a request that failed or was cut off passes.
   */
  void stored(ServerHttpRequest request, byte[] body) {
    String timestamp = request.getHeaders().getFirst(TIMESTAMP_HEADER);
    String signature = request.getHeaders().getFirst(SIGNATURE_HEADER);
    if (signatures != null && timestamp != null && signature != null) {
      byte[] mac = SignatureVerifier.decode(signature.trim());
      if (mac != null) {
        seen.remember(timestamp, mac, body);
      }
    }
  }

  private boolean fresh(String epochMillis) {
    // verify() admitted digits only, at most 19 of them; a value past Long's range is not fresh.
    long millis;
    try {
      millis = Long.parseLong(epochMillis);
    } catch (NumberFormatException e) {
      return false;
    }
    Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant()).abs();
    return age.compareTo(maxAge) <= 0;
  }

  Optional<InetAddress> clientOf(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    InetAddress peer = remote == null ? null : remote.getAddress();
    return resolver.resolve(peer, request.getHeaders().get("X-Forwarded-For"));
  }
}
