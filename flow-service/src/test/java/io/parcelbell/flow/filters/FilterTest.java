package io.parcelbell.flow.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.flow.filters.Filter.AllOf;
import io.parcelbell.flow.filters.Filter.AnyOf;
import io.parcelbell.flow.filters.Filter.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Trigger filters: validated against the event's real fields at save time, evaluated on the wire
 * form.
 */
class FilterTest {

  static final EventFields SHIPMENT = EventFields.forTrigger("ShipmentStatusChanged").orElseThrow();
  static final EventFields SETTLED = EventFields.forTrigger("NotificationSettled").orElseThrow();

  @Test
  void theFieldsAreTheEventsOwnIncludingNestedMetadataAndEnums() {
    assertThat(SHIPMENT.paths())
        .contains("courierCode", "status", "delivered", "metadata.orderId", "occurredAt");
    assertThat(SHIPMENT.field("delivered").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
    assertThat(SETTLED.field("scope").orElseThrow().values())
        .containsExactlyInAnyOrder("ATTEMPT", "NOTIFICATION");
    assertThat(EventFields.forTrigger("NoSuchEvent")).isEmpty();
  }

  @Test
  void everyPickedUpOfCourierCj() {
    Filter filter =
        new AllOf(
            List.of(
                new Condition("status", Operator.EQUALS, List.of("PICKED_UP")),
                new Condition("courierCode", Operator.IN, List.of("cj"))));

    assertThat(FilterValidator.validate(SHIPMENT, filter)).isEmpty();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "PICKED_UP", "ORD-1"))).isTrue();
    assertThat(FilterEvaluator.matches(filter, shipment("hanjin", "PICKED_UP", "ORD-1"))).isFalse();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "DELIVERED", "ORD-1"))).isFalse();
  }

  @Test
  void anyOfStartsWithNotInAndExists() {
    Filter filter =
        new AnyOf(
            List.of(
                new Condition("metadata.orderId", Operator.STARTS_WITH, List.of("VIP-")),
                new AllOf(
                    List.of(
                        new Condition("metadata.orderId", Operator.EXISTS, List.of()),
                        new Condition(
                            "status", Operator.NOT_IN, List.of("RETURNED", "CANCELLED"))))));

    assertThat(FilterValidator.validate(SHIPMENT, filter)).isEmpty();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "RETURNED", "VIP-7"))).isTrue();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "DELIVERED", "ORD-1"))).isTrue();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "RETURNED", "ORD-1"))).isFalse();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "DELIVERED", null))).isFalse();
  }

  @Test
  void timestampsCompareInTimeOrderAndBooleansByValue() {
    Filter filter =
        new AllOf(
            List.of(
                new Condition(
                    "occurredAt", Operator.GREATER_OR_EQUAL, List.of("2026-12-01T00:00:00Z")),
                new Condition("delivered", Operator.EQUALS, List.of("false"))));

    assertThat(FilterValidator.validate(SHIPMENT, filter)).isEmpty();
    assertThat(FilterEvaluator.matches(filter, shipment("cj", "IN_TRANSIT", "ORD-1"))).isTrue();
  }

  @Test
  void mistakesAreRefusedAtSaveWithThePathAndTheReason() {
    Filter filter =
        new AllOf(
            List.of(
                new Condition("metadata.orderID", Operator.EQUALS, List.of("x")),
                new Condition("status", Operator.GREATER_THAN, List.of("A")),
                new Condition("delivered", Operator.EQUALS, List.of("yes")),
                new Condition("occurredAt", Operator.LESS_THAN, List.of("yesterday")),
                new Condition("status", Operator.EQUALS, List.of()),
                new Condition("courierCode", Operator.EXISTS, List.of("cj")),
                new AnyOf(List.of())));

    assertThat(FilterValidator.validate(SHIPMENT, filter))
        .extracting(FilterProblem::path)
        .containsExactly(
            "filter.allOf[0].field",
            "filter.allOf[1].operator",
            "filter.allOf[2].values[0]",
            "filter.allOf[3].values[0]",
            "filter.allOf[4].values",
            "filter.allOf[5].values",
            "filter.allOf[6].anyOf");
    assertThat(FilterValidator.validate(SHIPMENT, filter).get(0).reason())
        .contains("'metadata.orderID' is not a field of ShipmentStatusChanged")
        .contains("metadata.orderId");
  }

  @Test
  void anEnumFieldOnlyTakesItsValues() {
    var problems =
        FilterValidator.validate(
            SETTLED, new Condition("scope", Operator.EQUALS, List.of("NOTIFICATIONS")));

    assertThat(problems)
        .singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("NOTIFICATION"));
  }

  @Test
  void aFilterTooDeepOrTooLargeIsRefused() {
    Filter deep = new Condition("status", Operator.EXISTS, List.of());
    for (int i = 0; i < 7; i++) {
      deep = new AllOf(List.of(deep));
    }
    assertThat(FilterValidator.validate(SHIPMENT, deep)).isNotEmpty();

    List<Filter> many =
        java.util.Collections.nCopies(51, new Condition("status", Operator.EXISTS, List.of()));
    assertThat(FilterValidator.validate(SHIPMENT, new AllOf(many)))
        .extracting(FilterProblem::reason)
        .contains("at most 50 conditions in one filter");
  }

  private static JsonNode shipment(String courier, String status, String orderId) {
    var event =
        new ShipmentStatusChanged(
            "e-1",
            courier,
            "123456789012",
            status,
            status.equals("DELIVERED"),
            "shop",
            null,
            null,
            new ShipmentMetadata(orderId, "01012345678", "홍길동", "감귤", "CJ대한통운"),
            Instant.parse("2026-12-01T03:00:00Z"));
    return EventJson.mapper().readTree(EventJson.write(event));
  }
}
