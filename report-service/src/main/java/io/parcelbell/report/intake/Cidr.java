package io.parcelbell.report.intake;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network in CIDR notation; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefixLength) {

  // Only IP literals: InetAddress.getByName would otherwise resolve host names through DNS.
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  public Cidr {
    int bits = network.length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be 0.." + bits);
    }
    network = mask(network.clone(), prefixLength);
  }

  public static Cidr parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty CIDR");
    }
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
    InetAddress parsed =
        parseAddress(address)
            .orElseThrow(() -> new IllegalArgumentException("not an IP network: " + text));
    byte[] bytes = parsed.getAddress();
    int prefix;
    try {
      prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IP network: " + text, e);
    }
    return new Cidr(bytes, prefix);
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
    if (literal.isEmpty() || !LITERAL.matcher(literal).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean contains(InetAddress address) {
    if (address == null) {
      return false;
    }
    byte[] candidate = address.getAddress();
    return candidate.length == network.length
        && Arrays.equals(mask(candidate, prefixLength), network);
  }

  private static byte[] mask(byte[] bytes, int prefixLength) {
    for (int i = 0; i < bytes.length; i++) {
      int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
      bytes[i] = (byte) (bytes[i] & (0xFF << (8 - keep)));
    }
    return bytes;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr that
        && prefixLength == that.prefixLength
        && Arrays.equals(network, that.network);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(network) + prefixLength;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
