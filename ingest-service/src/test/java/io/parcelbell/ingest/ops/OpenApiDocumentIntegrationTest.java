package io.parcelbell.ingest.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.BuildInfo;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IngestIntegrationTest
class OpenApiDocumentIntegrationTest {

  @Autowired WebTestClient client;

  /**
   * springdoc builds the document on the first request, which on a loaded 2-core machine can take
   * longer than WebTestClient's default 5 s; this test is about the document's content, not speed.
   */
  @BeforeEach
  void allowTheFirstBuildOfTheDocument() {
    client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
  }

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
  void namesTheServiceAndTheBuildsVersionNotSpringdocsDefaults() throws Exception {
    JsonNode info = document().path("info");

    assertThat(info.path("title").asString()).isEqualTo("parcelbell ingest-service");
    assertThat(info.path("version").asString())
        .isEqualTo(BuildInfo.version())
        .isNotNull()
        .isNotEqualTo("dev");
    assertThat(info.path("description").asString()).contains("webhooks");
  }

  @Test
  void documentsTheWebhookWithItsHeadersAndProblemResponses() throws Exception {
    JsonNode webhook = document().path("paths").path("/api/webhook/delivery").path("post");

    assertThat(webhook.isMissingNode()).isFalse();
    assertThat(webhook.path("summary").asString()).isNotBlank();
    assertThat(webhook.path("parameters").findValuesAsString("name"))
        .contains("X-Webhook-Timestamp", "X-Webhook-Signature");
    assertThat(webhook.path("responses").propertyNames())
        .contains("200", "400", "401", "413", "415", "503");
    assertThat(
            webhook.path("responses").path("401").path("content").has("application/problem+json"))
        .isTrue();
    assertThat(webhook.path("responses").path("401").path("description").asString())
        .contains("SIGNATURE_INVALID");
    assertThat(webhook.path("requestBody").path("content").has("application/json")).isTrue();
    // The controller writes the 200 body itself; the document still names its schema.
    assertThat(webhook.at("/responses/200/content/application~1json/schema/$ref").asString())
        .endsWith("/WebhookAccepted");
  }

  @Test
  void documentsShipmentRegistration() throws Exception {
    JsonNode register = document().path("paths").path("/api/shipments").path("post");

    assertThat(register.path("summary").asString()).isNotBlank();
    assertThat(register.path("responses").propertyNames()).contains("202", "400", "502", "503");
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
