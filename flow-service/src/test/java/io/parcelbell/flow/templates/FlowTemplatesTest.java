package io.parcelbell.flow.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.flow.templates.FlowTemplates.Kind;
import io.parcelbell.flow.templates.TemplateVariables.PersonalData;
import io.parcelbell.flow.triggers.SampleEvents;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FlowTemplatesTest {

  private final FlowTemplates templates = new FlowTemplates();

  private static Map<String, Object> delivered(ShipmentMetadata metadata, PersonalData mode) {
    var event =
        new ShipmentStatusChanged(
            "e-1",
            "cj",
            "123456789012",
            "DELIVERED",
            true,
            null,
            "배송완료",
            null,
            metadata,
            Instant.parse("2026-03-05T01:30:00Z"));
    return TemplateVariables.of(Trigger.SHIPMENT_STATUS_CHANGED, event, null, mode);
  }

  @Test
  void rendersTheIssuesVariablesAndFilters() {
    String body =
        """
        {"order": "{{ metadata.orderId }}", "tracking": "{{ shipment.trackingNumber }}",
         "at": "{{ event.occurredAt | kst }}", "day": "{{ event.occurredAt | kst("M월 d일") }}",
         "phone": "{{ metadata.customerPhone }}", "name": "{{ metadata.customerName }}",
         "product": {{ metadata.productName | json }}, "delivered": {{ shipment.delivered }}}""";

    JsonNode json =
        json(
            templates.render(
                Kind.BODY, body, delivered(SampleEvents.METADATA, PersonalData.MASKED)));

    assertThat(json.get("order").asString()).isEqualTo("ORD-20260305-0001");
    assertThat(json.get("tracking").asString()).isEqualTo("123456789012");
    assertThat(json.get("at").asString()).isEqualTo("2026-03-05 10:30");
    assertThat(json.get("day").asString()).isEqualTo("3월 5일");
    assertThat(json.get("phone").asString()).isEqualTo("010-****-5678");
    assertThat(json.get("name").asString()).isEqualTo("홍*동");
    assertThat(json.get("product").asString()).isEqualTo("제주 감귤 5kg");
    assertThat(json.get("delivered").asBoolean()).isTrue();
  }

  @Test
  void personalDataIsRawOnlyWhenTheFlowOptedIn() {
    String body =
        "{\"p\": \"{{ metadata.customerPhone }}\", \"n\": \"{{ metadata.customerName }}\"}";

    JsonNode raw =
        json(templates.render(Kind.BODY, body, delivered(SampleEvents.METADATA, PersonalData.RAW)));

    assertThat(raw.get("p").asString()).isEqualTo("01012345678");
    assertThat(raw.get("n").asString()).isEqualTo("홍길동");
    assertThat(
            json(templates.render(
                    Kind.BODY,
                    "{\"p\": \"{{ metadata.customerPhone | mask }}\"}",
                    delivered(SampleEvents.METADATA, PersonalData.RAW)))
                .get("p")
                .asString())
        .isEqualTo("010-****-5678");
  }

  @Test
  void aHostileValueCannotLeaveItsJsonString() {
    var metadata =
        new ShipmentMetadata("A\", \"admin\": true, \"x\": \"\\\n\u2028", null, null, null, null);

    String rendered =
        templates.render(
            Kind.BODY,
            "{\"order\": \"{{ metadata.orderId }}\"}",
            delivered(metadata, PersonalData.MASKED));

    JsonNode json = json(rendered);
    assertThat(json.properties()).hasSize(1);
    assertThat(json.get("order").asString()).isEqualTo(metadata.orderId());
    // Another escaping by hand does not switch the JSON escaping off for a double quote.
    for (String strategy : new String[] {"html", "js", "css", "url_param"}) {
      String escaped =
          templates.render(
              Kind.BODY,
              "{\"order\": \"{{ metadata.orderId | escape('" + strategy + "') }}\"}",
              delivered(metadata, PersonalData.MASKED));
      assertThat(escaped).as(strategy).doesNotContain("\"admin\"");
    }
  }

  @Test
  void aHeaderValueCannotAddAHeaderAndTextOutsideAsciiIsPercentEncoded() {
    var metadata = new ShipmentMetadata("A\r\nX-Evil: 1", null, null, "감귤", null);

    assertThat(
            templates.render(
                Kind.HEADER, "{{ metadata.orderId }}", delivered(metadata, PersonalData.MASKED)))
        .isEqualTo("A  X-Evil: 1");
    assertThat(
            templates.render(
                Kind.HEADER,
                "{{ metadata.productName }}",
                delivered(metadata, PersonalData.MASKED)))
        .isEqualTo("%EA%B0%90%EA%B7%A4");
  }

  @Test
  void anUnknownVariableIsAnErrorWithItsNameAndLine() {
    assertThatThrownBy(
            () ->
                templates.render(
                    Kind.BODY,
                    "{\n\"a\": \"{{ shipment.nope }}\"}",
                    delivered(SampleEvents.METADATA, PersonalData.MASKED)))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.code()).isEqualTo("TEMPLATE_UNKNOWN_VARIABLE");
              assertThat(e.getMessage()).contains("nope");
              assertThat(e.line()).isEqualTo(2);
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{% include 'x' %}",
        "{% for i in range(0, 1000000000) %}x{% endfor %}",
        "{% set a = 1 %}",
        "{% macro m() %}{% endmacro %}",
        "{% autoescape false %}{{ metadata.orderId }}{% endautoescape %}",
        "{{ metadata.orderId | raw }}",
        "{{ range(0, 10) }}",
        "{{ shipment.trackingNumber.getClass() }}",
        "{{ metadata.orderId ",
        "{{ metadata.orderId | escape(strategy='header-value') }}",
        "{{ shipment.delivered | abbreviate(3) }}",
      })
  void onlyTheOfferedSyntaxExists(String source) {
    assertThatThrownBy(
            () ->
                templates.render(
                    Kind.BODY, source, delivered(SampleEvents.METADATA, PersonalData.MASKED)))
        .isInstanceOf(TemplateException.class);
  }

  @Test
  void theIfTagAndTheValueTestsWork() {
    String source =
        "{% if metadata.orderId is null %}none{% else %}{{ metadata.orderId | lower }}{% endif %}";

    assertThat(
            templates.render(
                Kind.BODY, source, delivered(ShipmentMetadata.EMPTY, PersonalData.MASKED)))
        .isEqualTo("none");
    assertThat(
            templates.render(
                Kind.BODY, source, delivered(SampleEvents.METADATA, PersonalData.MASKED)))
        .isEqualTo("ord-20260305-0001");
  }

  @Test
  void aBadDatePatternIsARenderFailureNamingTheFilter() {
    assertThatThrownBy(
            () ->
                templates.render(
                    Kind.BODY,
                    "{{ event.occurredAt | kst(\"yyyy-qqqqqq\") }}",
                    delivered(SampleEvents.METADATA, PersonalData.MASKED)))
        .isInstanceOfSatisfying(
            TemplateException.class,
            e -> {
              assertThat(e.code()).isEqualTo("TEMPLATE_RENDER_FAILED");
              assertThat(e.getMessage()).contains("kst");
            });
  }

  @Test
  void renderedOutputIsBounded() {
    var metadata = new ShipmentMetadata("x".repeat(10_000), null, null, null, null);
    String source = "{{ metadata.orderId }}".repeat(10);

    assertThatThrownBy(
            () -> templates.render(Kind.BODY, source, delivered(metadata, PersonalData.MASKED)))
        .isInstanceOfSatisfying(
            TemplateException.class, e -> assertThat(e.code()).isEqualTo("TEMPLATE_TOO_LARGE"));
  }

  @Test
  void everyTriggerListsItsVariables() {
    assertThat(TemplateVariables.names(Trigger.SHIPMENT_STATUS_CHANGED))
        .contains(
            "event.id",
            "event.occurredAt",
            "shipment.trackingNumber",
            "shipment.status",
            "shipment.lastLocation",
            "metadata.orderId",
            "metadata.customerPhone")
        .noneMatch(name -> name.startsWith("notification."));
    assertThat(TemplateVariables.names(Trigger.NOTIFICATION_SETTLED))
        .contains(
            "shipment.trackingNumber",
            "shipment.status",
            "metadata.orderId",
            "notification.reason",
            "notification.notificationState",
            "notification.reportCode")
        .doesNotContain("notification.orderId", "notification.shipmentStatus");
  }

  private static JsonNode json(String text) {
    return JsonMapper.builder().build().readTree(text);
  }
}
