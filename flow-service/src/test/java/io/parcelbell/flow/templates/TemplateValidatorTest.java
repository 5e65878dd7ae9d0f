package io.parcelbell.flow.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.flow.triggers.Trigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TemplateValidatorTest {

  private final TemplateValidator validator = new TemplateValidator(new FlowTemplates());

  private List<TemplateProblem> body(Trigger trigger, String body) {
    return validator.validate(trigger, "steps[1].webhook", body, Map.of());
  }

  @Test
  void theIssuesSlackMessageIsAccepted() {
    String slack =
        """
        {"text": "배송 알림 실패: 주문 {{ metadata.orderId | default('-') }}, 송장 {{ shipment.trackingNumber }}, \
        {{ metadata.customerPhone }}, {{ notification.reason }}"}""";

    assertThat(body(Trigger.NOTIFICATION_SETTLED, slack)).isEmpty();
  }

  @Test
  void eachErrorClassIsReportedWithItsPathAndCode() {
    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, "{\"a\": \"{{ notification.reason }}\"}"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("steps[1].webhook.body");
              assertThat(p.code()).isEqualTo("TEMPLATE_UNKNOWN_VARIABLE");
              assertThat(p.reason()).contains("line 1").contains("notification");
            });
    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, "{\"a\": \"{{ shipment.status \"}"))
        .extracting(TemplateProblem::code)
        .containsExactly("TEMPLATE_SYNTAX");
    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, "{\"a\": {{ shipment.status }}}"))
        .extracting(TemplateProblem::code)
        .containsExactly("TEMPLATE_NOT_JSON");
    assertThat(
            body(Trigger.SHIPMENT_STATUS_CHANGED, "x".repeat(FlowTemplates.MAX_SOURCE_CHARS + 1)))
        .extracting(TemplateProblem::code)
        .containsExactly("TEMPLATE_TOO_LARGE");
    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, "{{ event.occurredAt | kst('qqqqqqq') }}"))
        .extracting(TemplateProblem::code)
        .containsExactly("TEMPLATE_RENDER_FAILED");
  }

  @Test
  void aBodyValidOnlyWhenAnOptionalFieldIsPresentIsRefused() {
    // The sample with every field set renders valid JSON; the sparse one (no order id) does not.
    String body =
        "{\"order\": {% if metadata.orderId is null %}{% else %}\"{{ metadata.orderId }}\"{% endif %}}";

    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, body))
        .extracting(TemplateProblem::code)
        .containsExactly("TEMPLATE_NOT_JSON");
    assertThat(body(Trigger.SHIPMENT_STATUS_CHANGED, "{\"order\": {{ metadata.orderId | json }}}"))
        .isEmpty();
  }

  @Test
  void headersAreTokensNotReservedBoundedAndTemplated() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("X-Order", "{{ metadata.orderId }}");
    headers.put("Webhook-Signature", "forged");
    headers.put("Bad Name", "x");
    headers.put("X-Unknown", "{{ shipment.nope }}");

    assertThat(
            validator.validate(Trigger.SHIPMENT_STATUS_CHANGED, "steps[0].webhook", "{}", headers))
        .extracting(TemplateProblem::path, TemplateProblem::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "steps[0].webhook.headers.Webhook-Signature", "HEADER_RESERVED"),
            org.assertj.core.groups.Tuple.tuple(
                "steps[0].webhook.headers.Bad Name", "HEADER_NAME_INVALID"),
            org.assertj.core.groups.Tuple.tuple(
                "steps[0].webhook.headers.X-Unknown", "TEMPLATE_UNKNOWN_VARIABLE"));

    Map<String, String> many = new LinkedHashMap<>();
    IntStream.range(0, TemplateValidator.MAX_HEADERS + 1).forEach(i -> many.put("X-" + i, "v"));
    assertThat(validator.validate(Trigger.SHIPMENT_STATUS_CHANGED, "s", "{}", many))
        .extracting(TemplateProblem::code)
        .containsExactly("HEADERS_TOO_MANY");
  }
}
