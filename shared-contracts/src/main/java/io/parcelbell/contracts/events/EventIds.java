package io.parcelbell.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic event ids: the same fact always gets the same id, so a retried webhook or a
 * re-published settlement is recognised downstream as the same event (consumers deduplicate on
 * {@code ce_id}).
 */
public final class EventIds {

  private EventIds() {}

  /**
   * A name-based UUID of the parts, joined with a separator that cannot occur in them by accident.
   */
  public static String of(String... parts) {
    String name = String.join("\u001f", parts);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
