package io.parcelbell.flow.destinations;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a shop's webhook may go (SSRF): only {@code https}, and never to an address inside a
 * network - loopback, private, link-local (the cloud metadata address 169.254.169.254), CGNAT,
 * multicast, unique-local, documentation and other special-purpose ranges (RFC 6890), also when
 * wrapped in an IPv4-mapped or NAT64 IPv6 address. Checked when a destination is saved and again,
 * re-resolving, for every connection ({@link #addressesFor}), so a name that later resolves inward
 * (DNS rebinding) is refused at send time. An allowlist of CIDRs and host names (the local stack
 * and the tests allow loopback) overrides the blocks and allows plain {@code http} for those hosts.
 */
public final class DestinationAddressPolicy {

  /** Resolves a host name; the JDK's resolver in production, a fixed answer in tests. */
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private static final IPAddressStringParameters LITERALS =
      new IPAddressStringParameters.Builder()
          .allowEmpty(false)
          .allowSingleSegment(false)
          .allowWildcardedSeparator(false)
          .allowAll(false)
          .toParams();

  private static final List<IPAddress> BLOCKED =
      Stream.of(
              "0.0.0.0/8", // "this network"
              "10.0.0.0/8",
              "100.64.0.0/10", // carrier-grade NAT
              "127.0.0.0/8",
              "169.254.0.0/16", // link-local, incl. the cloud metadata address
              "172.16.0.0/12",
              "192.0.0.0/24",
              "192.0.2.0/24",
              "192.88.99.0/24",
              "192.168.0.0/16",
              "198.18.0.0/15",
              "198.51.100.0/24",
              "203.0.113.0/24",
              "224.0.0.0/4", // multicast
              "240.0.0.0/4", // reserved, incl. broadcast
              "::/128",
              "::1/128",
              "100::/64", // discard-only
              "2001::/23", // IETF protocol assignments
              "2001:db8::/32", // documentation
              "fc00::/7", // unique-local
              "fe80::/10", // link-local
              "ff00::/8") // multicast
          .map(DestinationAddressPolicy::network)
          .toList();

  private static final IPAddress NAT64 = network("64:ff9b::/96");

  private final List<IPAddress> allowedNetworks;
  private final Set<String> allowedHosts;
  private final Resolver resolver;

  /**
   * @param allowlist CIDRs (or single addresses) and host names the blocks do not apply to
   */
  public DestinationAddressPolicy(List<String> allowlist, Resolver resolver) {
    this.allowedNetworks =
        allowlist.stream()
            .filter(entry -> new IPAddressString(entry.strip(), LITERALS).isIPAddress())
            .map(DestinationAddressPolicy::network)
            .toList();
    this.allowedHosts =
        allowlist.stream()
            .filter(entry -> !new IPAddressString(entry.strip(), LITERALS).isIPAddress())
            .map(entry -> entry.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.resolver = resolver;
  }

  public static Resolver systemResolver() {
    return host -> List.of(InetAddress.getAllByName(host));
  }

  /** The check when a destination is saved: the URL's form, then where its host resolves now. */
  public URI check(String url) {
    URI uri;
    try {
      uri = new URI(url).parseServerAuthority();
    } catch (Exception e) {
      throw new DestinationRefusedException("INVALID_URL", "not an absolute URL: " + url);
    }
    if (uri.getHost() == null || !uri.isAbsolute()) {
      throw new DestinationRefusedException("INVALID_URL", "the URL names no host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new DestinationRefusedException(
          "INVALID_URL", "credentials in the URL are not allowed; use a header");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = hostOf(uri);
    boolean allowlisted = allowedHosts.contains(host);
    if (!scheme.equals("https")
        && !(scheme.equals("http") && (allowlisted || literalAllowed(host)))) {
      throw new DestinationRefusedException(
          "UNSUPPORTED_SCHEME", "only https destinations are allowed");
    }
    addressesFor(host);
    return uri;
  }

  /**
   * The addresses a connection to {@code host} may use, resolved now: all of them must be outside
   * the blocked ranges (one inward answer refuses the host), unless allowlisted.
   */
  public List<InetAddress> addressesFor(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    IPAddress literal = new IPAddressString(name, LITERALS).getAddress();
    List<InetAddress> addresses;
    if (literal != null) {
      addresses = List.of(literal.toInetAddress());
    } else {
      try {
        addresses = resolver.resolve(name);
      } catch (UnknownHostException e) {
        throw new DestinationRefusedException("UNRESOLVABLE_HOST", "cannot resolve " + host);
      }
    }
    if (addresses.isEmpty()) {
      throw new DestinationRefusedException("UNRESOLVABLE_HOST", "cannot resolve " + host);
    }
    if (allowedHosts.contains(name)) {
      return addresses;
    }
    for (InetAddress address : addresses) {
      if (blocked(address)) {
        throw new DestinationRefusedException(
            "BLOCKED_ADDRESS",
            host + " resolves to " + address.getHostAddress() + ", inside a private network");
      }
    }
    return addresses;
  }

  private boolean literalAllowed(String host) {
    IPAddress literal = new IPAddressString(host, LITERALS).getAddress();
    return literal != null && allowedNetworks.stream().anyMatch(n -> n.contains(literal));
  }

  private boolean blocked(InetAddress inet) {
    IPAddress address = new IPAddressString(inet.getHostAddress(), LITERALS).getAddress();
    if (allowedNetworks.stream().anyMatch(n -> sameFamily(n, address) && n.contains(address))) {
      return false;
    }
    IPAddress target = unwrapped(address);
    if (target != address
        && allowedNetworks.stream().anyMatch(n -> sameFamily(n, target) && n.contains(target))) {
      return false;
    }
    return BLOCKED.stream().anyMatch(n -> sameFamily(n, target) && n.contains(target));
  }

  /** The IPv4 address inside an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address. */
  private static IPAddress unwrapped(IPAddress address) {
    if (!address.isIPv6()) {
      return address;
    }
    IPv6Address v6 = address.toIPv6();
    if (v6.isIPv4Mapped() || v6.isIPv4Compatible() && !v6.isLoopback() && !v6.isZero()) {
      return v6.getEmbeddedIPv4Address();
    }
    if (NAT64.contains(v6)) {
      return v6.getEmbeddedIPv4Address(12);
    }
    return address;
  }

  private static boolean sameFamily(IPAddress a, IPAddress b) {
    return a.isIPv4() == b.isIPv4();
  }

  private static String hostOf(URI uri) {
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static IPAddress network(String cidr) {
    IPAddress parsed = new IPAddressString(cidr.strip(), LITERALS).getAddress();
    if (parsed == null) {
      throw new IllegalArgumentException("not an IP network: " + cidr);
    }
    return parsed.toPrefixBlock();
  }
}
