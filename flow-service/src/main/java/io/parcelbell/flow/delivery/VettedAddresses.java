package io.parcelbell.flow.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.resolver.SimpleNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The only name resolution the webhook client does: the addresses the destination policy vetted for
 * this host moments before (re-resolved and checked for every attempt, off the event loop). A
 * connection therefore goes exactly where the check looked, and a DNS answer that changed in
 * between (rebinding) cannot send it inward. A host nobody vetted does not resolve at all.
 */
final class VettedAddresses extends AddressResolverGroup<InetSocketAddress> {

  private final Cache<String, List<InetAddress>> vetted =
      Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

  void vetted(String host, List<InetAddress> addresses) {
    vetted.put(key(host), List.copyOf(addresses));
  }

  /** One spelling per host: lower case, an IPv6 literal without its URL brackets. */
  private static String key(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
  }

  @Override
  protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
    return new InetSocketAddressResolver(executor, new Resolver(executor));
  }

  private final class Resolver extends SimpleNameResolver<InetAddress> {
    Resolver(EventExecutor executor) {
      super(executor);
    }

    @Override
    protected void doResolve(String host, Promise<InetAddress> promise) {
      List<InetAddress> addresses = vetted.getIfPresent(key(host));
      if (addresses == null || addresses.isEmpty()) {
        promise.setFailure(new UnknownHostException(host + " was not vetted"));
      } else {
        promise.setSuccess(addresses.get(0));
      }
    }

    @Override
    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
      List<InetAddress> addresses = vetted.getIfPresent(key(host));
      if (addresses == null || addresses.isEmpty()) {
        promise.setFailure(new UnknownHostException(host + " was not vetted"));
      } else {
        promise.setSuccess(addresses);
      }
    }
  }
}
