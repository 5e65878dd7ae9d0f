package io.parcelbell.flow.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.SignedIn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class FlowApiTest {

  @Autowired WebTestClient web;
  @Autowired ReactiveMongoTemplate mongo;

  private WebTestClient admin() {
    return SignedIn.as(web, "ADMIN");
  }

  @SuppressWarnings("unchecked")
  private String destination() {
    Map<String, Object> created =
        admin()
            .post()
            .uri("/api/destinations")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("name", "ERP", "url", "http://127.0.0.1:9/erp"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return (String) ((Map<String, Object>) created.get("destination")).get("id");
  }

  private static Map<String, Object> flow(String destinationId, String body, String personalData) {
    return Map.of(
        "name",
        "ERP pickups",
        "trigger",
        "SHIPMENT_STATUS_CHANGED",
        "filter",
        Map.of("field", "status", "operator", "EQUALS", "values", List.of("PICKED_UP")),
        "steps",
        List.of(
            Map.of("type", "delay", "duration", "PT10M"),
            Map.of("type", "webhook", "destinationId", destinationId, "body", body)),
        "personalData",
        personalData);
  }

  @Test
  void aFlowWithEveryKindOfMistakeGetsEveryErrorWithItsPath() {
    Map<String, Object> broken =
        Map.of(
            "name",
            "",
            "trigger",
            "SHIPMENT_STATUS_CHANGED",
            "filter",
            Map.of("field", "nope", "operator", "EQUALS", "values", List.of("x")),
            "steps",
            List.of(
                Map.of("type", "delay", "businessDays", 3),
                Map.of("type", "exit", "shipmentReached", List.of("returned")),
                Map.of(
                    "type", "webhook",
                    "destinationId", "dst_missing",
                    "body", "{\"a\": \"{{ notification.reason }}\"}",
                    "headers", Map.of("Webhook-Id", "x"))));

    admin()
        .post()
        .uri("/api/flows")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(broken)
        .exchange()
        .expectStatus()
        .isEqualTo(422)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("FLOW_INVALID")
        .jsonPath("$.errors[*].path")
        .value(
            paths ->
                assertThat((List<String>) paths)
                    .contains(
                        "name",
                        "filter.field",
                        "steps[0].at",
                        "steps[1].shipmentReached[0]",
                        "steps[2].body",
                        "steps[2].headers.Webhook-Id",
                        "steps[2].destinationId"))
        .jsonPath("$.errors[?(@.path == 'steps[2].body')].code")
        .isEqualTo("TEMPLATE_UNKNOWN_VARIABLE");

    admin()
        .post()
        .uri("/api/flows/validate")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(broken)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.valid")
        .isEqualTo(false);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEditIsANewVersionAndRawPersonalDataIsRecordedOnItsOwn() {
    String destination = destination();
    Map<String, Object> created =
        admin()
            .post()
            .uri("/api/flows")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(flow(destination, "{\"t\": \"{{ shipment.trackingNumber }}\"}", "MASKED"))
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    String id = (String) created.get("id");
    assertThat(created).containsEntry("version", 1).containsEntry("enabled", false);
    assertThat((List<Map<String, Object>>) created.get("steps"))
        .first()
        .satisfies(step -> assertThat(step).containsEntry("type", "delay"));

    admin()
        .put()
        .uri("/api/flows/{id}", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(flow(destination, "{\"p\": \"{{ metadata.customerPhone }}\"}", "RAW"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.version")
        .isEqualTo(2)
        .jsonPath("$.personalData")
        .isEqualTo("RAW");

    assertThat(mongo.count(Query.query(Criteria.where("flowId").is(id)), "flow_versions").block())
        .isEqualTo(2);
    assertThat(audits("flow.create", id)).isEqualTo(1);
    assertThat(audits("flow.update", id)).isEqualTo(1);
    assertThat(audits("flow.personal-data-raw", id)).isEqualTo(1);

    admin().post().uri("/api/flows/{id}/enable", id).exchange().expectStatus().isOk();
    assertThat(audits("flow.enable", id)).isEqualTo(1);
  }

  @Test
  void theTriggersListTheirFieldsAndVariables() {
    SignedIn.as(web, "VIEWER")
        .get()
        .uri("/api/flows/triggers")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[?(@.trigger == 'NOTIFICATION_SETTLED')].variables[*]")
        .value(
            v -> assertThat((List<String>) v).contains("notification.reason", "metadata.orderId"))
        .jsonPath("$[?(@.trigger == 'SHIPMENT_STATUS_CHANGED')].fields['metadata.orderId'].type")
        .isEqualTo("STRING");
  }

  private long audits(String action, String id) {
    return mongo
        .count(
            Query.query(Criteria.where("action").is(action).and("target.id").is(id)),
            AuditStore.COLLECTION)
        .block();
  }
}
