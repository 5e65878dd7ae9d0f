package io.parcelbell.report.intake;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressNetwork.IPAddressGenerator;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IPv4 or IPv6 network in CIDR notation; a bare address is a /32 or /128.
 *
 * <p>Parsing is the IPAddress library's (com.github.seancfoley:ipaddress): it reads IP literals
 * only and never asks DNS, where {@code InetAddress.getByName} would resolve a host name such as
 * {@code cafe} or {@code bad.beef} - from a client's X-Forwarded-For, on an event-loop thread. Only
 * the usual notations are accepted: dotted-quad IPv4 (no inet_aton forms such as {@code 0x7f.1} or
 * {@code 2130706433}), IPv6 with or without an embedded IPv4 address, no zones, no wildcards.
 */
public final class Cidr {

  private static final IPAddressStringParameters NETWORK = literals(true);
  private static final IPAddressStringParameters ADDRESS = literals(false);
  private static final IPAddressGenerator FROM_INET = new IPAddressGenerator();

  private final IPAddress block;

  private Cidr(IPAddress block) {
    this.block = block;
  }

  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty CIDR");
    }
    IPAddress parsed = new IPAddressString(text.trim(), NETWORK).getAddress();
    if (parsed == null) {
      throw new IllegalArgumentException("not an IP network: " + text);
    }
    return new Cidr(parsed.toPrefixBlock());
  }

  /** An IP literal (never a host name); IPv4-mapped IPv6 addresses come back as IPv4. */
  public static Optional<InetAddress> parseAddress(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String literal = text.trim();
    if (literal.startsWith("[") && literal.endsWith("]")) {
      literal = literal.substring(1, literal.length() - 1);
    }
    IPAddress parsed = new IPAddressString(literal, ADDRESS).getAddress();
    if (parsed == null || parsed.isMultiple()) {
      return Optional.empty();
    }
    if (parsed.isIPv6() && parsed.toIPv6().isIPv4Mapped()) {
      parsed = parsed.toIPv6().getEmbeddedIPv4Address();
    }
    return Optional.of(parsed.toInetAddress());
  }

  public boolean contains(InetAddress address) {
    if (address == null) {
      return false;
    }
    IPAddress candidate = FROM_INET.from(address);
    // Different families never match: contains() is false across IPv4 and IPv6.
    return block.getIPVersion() == candidate.getIPVersion() && block.contains(candidate);
  }

  private static IPAddressStringParameters literals(boolean prefixAllowed) {
    IPAddressStringParameters.Builder builder =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowMask(false)
            .allowPrefixOnly(false)
            .allowPrefix(prefixAllowed)
            .allowWildcardedSeparator(false);
    builder
        .getIPv4AddressParametersBuilder()
        .allow_inet_aton(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .allowBinary(false)
        .allowLeadingZeros(false) // 010.0.0.1: decimal here, octal to inet_aton
        .allowPrefixesBeyondAddressSize(false);
    builder
        .getIPv6AddressParametersBuilder()
        .allowZone(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .allowBase85(false)
        .allowBinary(false)
        .allowPrefixesBeyondAddressSize(false)
        // The IPv4 inside ::ffff:a.b.c.d has its own settings: the same rules.
        .getEmbeddedIPv4AddressParametersBuilder()
        .allow_inet_aton(false)
        .allowLeadingZeros(false)
        .setRangeOptions(RangeParameters.NO_RANGE)
        .allowBinary(false);
    return builder.toParams();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that && block.equals(that.block);
  }

  @Override
  public int hashCode() {
    return block.hashCode();
  }

  @Override
  public String toString() {
    return block.toCanonicalString();
  }
}
