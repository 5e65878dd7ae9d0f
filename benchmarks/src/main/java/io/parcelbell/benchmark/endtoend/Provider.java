package io.parcelbell.benchmark.endtoend;

import io.parcelbell.localstack.sandbox.SendListener;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the provider stand-in (the Bizgo sandbox) accepted: the first acceptance of each
 * notification, and how many notifications were accepted a second time under another key (a
 * duplicate send; the sandbox answers a repeated key with A301 and accepts nothing).
 */
final class Provider implements SendListener {

  private final Map<String, Instant> firstAccepted = new ConcurrentHashMap<>();
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  private final AtomicInteger duplicates = new AtomicInteger();

  @Override
  public void accepted(String ref, String idempotencyKey, Instant acceptedAt) {
    if (ref == null) {
      return;
    }
    firstAccepted.putIfAbsent(ref, acceptedAt);
    String earlier = keys.putIfAbsent(ref, idempotencyKey);
    if (earlier != null && !earlier.equals(idempotencyKey)) {
      duplicates.incrementAndGet();
    }
  }

  Instant acceptedAt(String notificationId) {
    return firstAccepted.get(notificationId);
  }

  long acceptedOf(Set<String> notificationIds) {
    return notificationIds.stream().filter(firstAccepted::containsKey).count();
  }

  int duplicates() {
    return duplicates.get();
  }
}
