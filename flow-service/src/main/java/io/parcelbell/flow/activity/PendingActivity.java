package io.parcelbell.flow.activity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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

  /**
   * The event each one made here was made from, while that one is still in use (weakly, by
   * identity): the immediate publish sends it as it is instead of reading back the JSON just
   * written (three events a delivery; the relay's, read from MongoDB, are read from their JSON).
   */
  private static final Cache<PendingActivity, ParcelbellEvent> MADE_FROM =
      Caffeine.newBuilder().weakKeys().maximumSize(50_000).build();

  public static PendingActivity of(ParcelbellEvent event) {
    var pending =
        new PendingActivity(
            event.eventId(),
            EventTypes.typeOf(event),
            new String(EventJson.write(event), StandardCharsets.UTF_8));
    MADE_FROM.put(pending, event);
    return pending;
  }

  public ParcelbellEvent event() {
    ParcelbellEvent made = MADE_FROM.getIfPresent(this);
    if (made != null) {
      return made;
    }
    var type =
        EventTypes.classOf(type())
            .orElseThrow(() -> new IllegalStateException("unknown event type " + type()));
    return EventJson.read(json.getBytes(StandardCharsets.UTF_8), type);
  }
}
