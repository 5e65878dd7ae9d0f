package io.parcelbell.flow.triggers;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.flow.filters.EventFields;
import java.util.Arrays;
import java.util.Optional;

/**
 * The events a flow can start on: parcelbell's own topics, one event type each. A {@code
 * NotificationSettled} triggers only as the notification's ending ({@code scope: NOTIFICATION}),
 * not once per attempt.
 */
public enum Trigger {
  SHIPMENT_STATUS_CHANGED(ShipmentStatusChanged.class, Topics.SHIPMENT_STATUS),
  NOTIFICATION_SETTLED(NotificationSettled.class, Topics.NOTIFICATION_OUTCOME),
  NOTIFICATION_HELD(NotificationHeld.class, Topics.NOTIFICATION_LIFECYCLE),
  NOTIFICATION_REJECTED(NotificationRejected.class, Topics.NOTIFICATION_LIFECYCLE);

  private final Class<? extends ParcelbellEvent> eventClass;
  private final String topic;
  private final EventFields fields;

  Trigger(Class<? extends ParcelbellEvent> eventClass, String topic) {
    this.eventClass = eventClass;
    this.topic = topic;
    this.fields = EventFields.of(eventClass);
  }

  public Class<? extends ParcelbellEvent> eventClass() {
    return eventClass;
  }

  public String topic() {
    return topic;
  }

  /** The fields its filters may test (the event's wire fields). */
  public EventFields fields() {
    return fields;
  }

  public boolean isShipmentEvent() {
    return this == SHIPMENT_STATUS_CHANGED;
  }

  /** The trigger this event starts, if it starts any. */
  public static Optional<Trigger> of(ParcelbellEvent event) {
    if (event instanceof NotificationSettled settled
        && settled.scope() != SettlementScope.NOTIFICATION) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(t -> t.eventClass.isInstance(event)).findFirst();
  }
}
