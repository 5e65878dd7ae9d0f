package io.parcelbell.notifier.notification;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The forward order of a parcel's journey. A status behind one already notified for the shipment
 * (IN_TRANSIT after DELIVERED: a courier's late scan) would confuse the customer, so it is dropped.
 * Statuses off this path (RETURNED, FAILED, ...) have no rank and are never dropped by it.
 */
public final class StatusOrder {

  private static final List<String> JOURNEY =
      List.of("PICKUP_READY", "PICKED_UP", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");

  private StatusOrder() {}

  public static OptionalInt rankOf(String status) {
    int rank = JOURNEY.indexOf(status.toUpperCase(Locale.ROOT));
    return rank < 0 ? OptionalInt.empty() : OptionalInt.of(rank);
  }

  /** True when {@code status} comes before {@code notified} on the journey. */
  public static boolean isBehind(String status, String notified) {
    OptionalInt mine = rankOf(status);
    OptionalInt theirs = rankOf(notified);
    return mine.isPresent() && theirs.isPresent() && mine.getAsInt() < theirs.getAsInt();
  }
}
