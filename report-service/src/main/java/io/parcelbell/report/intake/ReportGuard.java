package io.parcelbell.report.intake;

import io.parcelbell.report.config.ReportProperties;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/** Decides whether a report request comes from Bizgo: source address, then optional signature. */
@Component
class ReportGuard {

  static final String TIMESTAMP_HEADER = "X-IB-Timestamp";
  static final String SIGNATURE_HEADER = "X-IB-Signature";

  enum Verdict {
    ACCEPTED,
    UNKNOWN_SOURCE,
    BAD_SIGNATURE
  }

  private final List<Cidr> allowed;
  private final ClientIpResolver resolver;
  private final SignatureVerifier signatures;

  ReportGuard(ReportProperties properties) {
    var bizgo = properties.bizgo();
    this.allowed = bizgo.allowedIps().stream().map(Cidr::parse).toList();
    this.resolver = new ClientIpResolver(bizgo.trustedProxies().stream().map(Cidr::parse).toList());
    this.signatures =
        bizgo.signatureRequired() ? new SignatureVerifier(bizgo.signatureSecret()) : null;
  }

  Verdict check(ServerHttpRequest request) {
    Optional<InetAddress> client = clientOf(request);
    if (client.isEmpty() || allowed.stream().noneMatch(cidr -> cidr.contains(client.get()))) {
      return Verdict.UNKNOWN_SOURCE;
    }
    if (signatures != null) {
      var headers = request.getHeaders();
      if (!signatures.verify(
          headers.getFirst(TIMESTAMP_HEADER), headers.getFirst(SIGNATURE_HEADER))) {
        return Verdict.BAD_SIGNATURE;
      }
    }
    return Verdict.ACCEPTED;
  }

  Optional<InetAddress> clientOf(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    InetAddress peer = remote == null ? null : remote.getAddress();
    return resolver.resolve(peer, request.getHeaders().get("X-Forwarded-For"));
  }
}
