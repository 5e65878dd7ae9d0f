package io.parcelbell.report.intake;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who really sent a request. X-Forwarded-For is only believed when the direct peer is a trusted
 * proxy, and then the right-most address that is not itself a trusted proxy is the client: anything
 * to its left was written by the client and can be spoofed.
 */
final class ClientIpResolver {

  private final List<Cidr> trustedProxies;

  ClientIpResolver(List<Cidr> trustedProxies) {
    this.trustedProxies = List.copyOf(trustedProxies);
  }

  /** Empty when the client cannot be known (no peer, or a malformed forwarded address). */
  Optional<InetAddress> resolve(InetAddress peer, List<String> forwardedForHeaders) {
    if (peer == null) {
      return Optional.empty();
    }
    if (!trusted(peer)) {
      return Optional.of(peer);
    }
    List<String> hops = hops(forwardedForHeaders);
    InetAddress client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = Cidr.parseAddress(hops.get(i));
      if (hop.isEmpty()) {
        return Optional.empty(); // a proxy we trust would never write garbage: refuse to guess
      }
      client = hop.get();
      if (!trusted(client)) {
        return Optional.of(client);
      }
    }
    return Optional.of(client);
  }

  private boolean trusted(InetAddress address) {
    return trustedProxies.stream().anyMatch(cidr -> cidr.contains(address));
  }

  private static List<String> hops(List<String> headers) {
    List<String> hops = new ArrayList<>();
    if (headers != null) {
      for (String header : headers) {
        for (String part : header.split(",")) {
          if (!part.isBlank()) {
            hops.add(part.trim());
          }
        }
      }
    }
    return hops;
  }
}
