package io.parcelbell.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@IngestIntegrationTest
class OpenApiDocumentIntegrationTest {

  @Autowired WebTestClient client;

  private JsonNode document() throws Exception {
    byte[] body =
        client
            .get()
            .uri("/v3/api-docs")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .returnResult()
            .getResponseBody();
    return new ObjectMapper().readTree(body);
  }

  @Test
  void documentsTheWebhookWithItsHeadersAndProblemResponses() throws Exception {
    JsonNode webhook = document().path("paths").path("/api/webhook/delivery").path("post");

    assertThat(webhook.isMissingNode()).isFalse();
    assertThat(webhook.path("summary").asText()).isNotBlank();
    assertThat(webhook.path("parameters").findValuesAsText("name"))
        .contains("X-Webhook-Timestamp", "X-Webhook-Signature");
    assertThat(webhook.path("responses").fieldNames())
        .toIterable()
        .contains("200", "400", "401", "413", "415", "503");
    assertThat(
            webhook.path("responses").path("401").path("content").has("application/problem+json"))
        .isTrue();
    assertThat(webhook.path("responses").path("401").path("description").asText())
        .contains("SIGNATURE_INVALID");
    assertThat(webhook.path("requestBody").path("content").has("application/json")).isTrue();
    // The controller writes the 200 body itself; the document still names its schema.
    assertThat(webhook.at("/responses/200/content/application~1json/schema/$ref").asText())
        .endsWith("/WebhookAccepted");
  }

  @Test
  void documentsShipmentRegistration() throws Exception {
    JsonNode register = document().path("paths").path("/api/shipments").path("post");

    assertThat(register.path("summary").asText()).isNotBlank();
    assertThat(register.path("responses").fieldNames())
        .toIterable()
        .contains("202", "400", "502", "503");
    assertThat(
            register.path("requestBody").path("content").path("application/json").isMissingNode())
        .isFalse();
  }

  @Test
  void theYamlVariantIsServed() {
    client
        .get()
        .uri("/v3/api-docs.yaml")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .value(yaml -> assertThat(yaml).contains("openapi:", "/api/webhook/delivery:"));
  }
}
