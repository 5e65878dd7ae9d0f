package io.parcelbell.contracts.events;

import java.util.Map;
import java.util.Optional;

/** The CloudEvents {@code ce_type} of each event record, in both directions. */
public final class EventTypes {

  private static final String PREFIX = "io.parcelbell.";

  private static final Map<Class<? extends ParcelbellEvent>, String> TYPES =
      Map.ofEntries(
          Map.entry(ShipmentStatusChanged.class, PREFIX + "shipment.status-changed.v1"),
          Map.entry(NotificationHeld.class, PREFIX + "notification.held.v1"),
          Map.entry(NotificationDispatched.class, PREFIX + "notification.dispatched.v1"),
          Map.entry(NotificationRejected.class, PREFIX + "notification.rejected.v1"),
          Map.entry(NotificationSuperseded.class, PREFIX + "notification.superseded.v1"),
          Map.entry(NotificationSettled.class, PREFIX + "notification.settled.v1"),
          Map.entry(ResendRequested.class, PREFIX + "notification.resend-requested.v1"),
          Map.entry(FlowRunChanged.class, PREFIX + "flow.run-changed.v1"),
          Map.entry(FlowDeliveryChanged.class, PREFIX + "flow.delivery-changed.v1"),
          Map.entry(FlowDestinationChanged.class, PREFIX + "flow.destination-changed.v1"));

  private EventTypes() {}

  public static String typeOf(ParcelbellEvent event) {
    if (event instanceof UnknownEvent unknown) {
      return unknown.type();
    }
    return typeOf(event.getClass());
  }

  public static String typeOf(Class<? extends ParcelbellEvent> eventClass) {
    String type = TYPES.get(eventClass);
    if (type == null) {
      throw new IllegalArgumentException("no ce_type for " + eventClass.getName());
    }
    return type;
  }

  public static Optional<Class<? extends ParcelbellEvent>> classOf(String type) {
    return TYPES.entrySet().stream()
        .filter(entry -> entry.getValue().equals(type))
        .<Class<? extends ParcelbellEvent>>map(Map.Entry::getKey)
        .findFirst();
  }

  public static Map<Class<? extends ParcelbellEvent>, String> all() {
    return TYPES;
  }
}
