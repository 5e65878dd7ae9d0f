package io.parcelbell.report.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.BuildInfo;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

@IntegrationTest
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

  private JsonNode paths() throws Exception {
    return document().path("paths");
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

  private static Iterable<String> responseCodes(JsonNode operation) {
    return operation.path("responses").propertyNames();
  }

  @Test
  void namesTheServiceAndTheBuildsVersionNotSpringdocsDefaults() throws Exception {
    JsonNode info = document().path("info");

    assertThat(info.path("title").asString()).isEqualTo("parcelbell report-service");
    assertThat(info.path("version").asString())
        .isEqualTo(BuildInfo.version())
        .isNotNull()
        .isNotEqualTo("dev");
    assertThat(info.path("description").asString()).contains("delivery reports");
  }

  @Test
  void documentsBothBizgoWebhookPathsWithTheirSignatureHeaders() throws Exception {
    JsonNode paths = paths();
    for (String path : new String[] {"/webhook/bizgo/report", "/webhook/bizgo/alimtalk"}) {
      JsonNode post = paths.path(path).path("post");
      assertThat(post.path("summary").asString()).as(path).isNotBlank();
      assertThat(post.path("parameters").findValuesAsString("name"))
          .as(path)
          .contains("X-IB-Timestamp", "X-IB-Signature");
      assertThat(responseCodes(post)).as(path).contains("200", "503");
      assertThat(post.at("/responses/503/content").has("application/problem+json")).isTrue();
      assertThat(post.at("/responses/503/description").asString()).contains("REPORT_NOT_STORED");
    }
  }

  @Test
  void documentsTheQueryApiWithItsParametersAndProblems() throws Exception {
    JsonNode paths = paths();

    JsonNode list = paths.path("/api/notifications").path("get");
    assertThat(list.path("parameters").findValuesAsString("name"))
        .contains(
            "trackingNumber",
            "orderId",
            "phoneLast4",
            "state",
            "channel",
            "shipmentStatus",
            "since",
            "until",
            "limit",
            "cursor");
    assertThat(responseCodes(list)).contains("200", "400");
    JsonNode export = paths.path("/api/notifications/export").path("get");
    assertThat(export.path("parameters").findValuesAsString("name"))
        .contains("phoneLast4", "channel", "shipmentStatus", "since", "until");
    assertThat(list.at("/responses/400/content").has("application/problem+json")).isTrue();
    assertThat(list.at("/responses/200/content/application~1json/schema").isMissingNode())
        .isFalse();

    JsonNode byId = paths.path("/api/notifications/{id}").path("get");
    assertThat(responseCodes(byId)).contains("200", "404");
    assertThat(byId.at("/responses/404/description").asString()).contains("NOTIFICATION_NOT_FOUND");

    JsonNode stats = paths.path("/api/notifications/stats").path("get");
    assertThat(stats.path("parameters").findValuesAsString("name")).contains("window");
    assertThat(responseCodes(stats)).contains("200", "400");
    assertThat(stats.at("/responses/200/content/application~1json/schema").isMissingNode())
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
        .value(yaml -> assertThat(yaml).contains("openapi:", "/api/notifications/stats:"));
  }
}
