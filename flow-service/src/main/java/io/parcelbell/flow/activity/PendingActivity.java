package io.parcelbell.flow.activity;

import io.parcelbell.contracts.events.EventTypes;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventJson;
import java.nio.charset.StandardCharsets;

/**
 * An activity event waiting in the document whose change it announces: written by the same
 * single-document update as the change (so neither can exist without the other), removed once Kafka
 * holds it.
 */
public record PendingActivity(String eventId, String type, String json) {

  public static final String FIELD = "pendingActivity";

  public static PendingActivity of(ParcelbellEvent event) {
    return new PendingActivity(
        event.eventId(),
        EventTypes.typeOf(event),
        new String(EventJson.write(event), StandardCharsets.UTF_8));
  }

  public ParcelbellEvent event() {
    var type =
        EventTypes.classOf(type())
            .orElseThrow(() -> new IllegalStateException("unknown event type " + type()));
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8), type);
  }
}
