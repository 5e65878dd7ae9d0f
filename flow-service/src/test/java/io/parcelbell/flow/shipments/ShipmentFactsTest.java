package io.parcelbell.flow.shipments;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.flow.support.IntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class ShipmentFactsTest {

  @Autowired ShipmentFacts shipments;

  @Test
  void aBatchIsRecordedInItsOrderAndSeeingItAgainChangesNothing() {
    String tracking = "T" + UUID.randomUUID().toString().substring(0, 8);
    Instant at = Instant.parse("2026-11-27T01:00:00Z");
    var picked = event(tracking, "PICKED_UP", "010-1111-2222", at);
    var out = event(tracking, "OUT_FOR_DELIVERY", "010-3333-4444", at.plusSeconds(3600));
    var other = event(tracking + "X", "PICKED_UP", "010-5555-6666", at);

    shipments.sawAll(List.of(picked, other, out)).block();
    shipments.sawAll(List.of(picked, other, out)).block();

    // The later event's metadata, as if they had been recorded one after the other.
    assertThat(shipments.metadataOf(picked.shipmentKey()).block().customerPhone())
        .isEqualTo("010-3333-4444");
    assertThat(shipments.metadataOf(other.shipmentKey()).block().customerPhone())
        .isEqualTo("010-5555-6666");
    assertThat(
            shipments
                .reached(picked.shipmentKey(), Set.of("OUT_FOR_DELIVERY"), at, picked.eventId())
                .block())
        .hasValueSatisfying(seen -> assertThat(seen.eventId()).isEqualTo(out.eventId()));
    assertThat(shipments.reached(picked.shipmentKey(), Set.of("PICKED_UP"), at, "none").block())
        .hasValueSatisfying(seen -> assertThat(seen.eventId()).isEqualTo(picked.eventId()));
  }

  private static ShipmentStatusChanged event(
      String tracking, String status, String phone, Instant at) {
    return new ShipmentStatusChanged(
        "evt-" + UUID.randomUUID(),
        "cj",
        tracking,
        status,
        false,
        "shop-1",
        status,
        "Seoul",
        new ShipmentMetadata("ORD-1", phone, "홍길동", "양말", "CJ대한통운"),
        at);
  }
}
