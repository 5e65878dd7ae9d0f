package io.parcelbell.flow.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.SignedIn;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class DestinationApiTest {

  @Autowired WebTestClient web;
  @Autowired ReactiveMongoTemplate mongo;

  private WebTestClient admin() {
    return SignedIn.as(web, "ADMIN");
  }

  private Map<String, Object> create(Map<String, Object> body) {
    return admin()
        .post()
        .uri("/api/destinations")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isCreated()
        .expectBody(
            new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
        .returnResult()
        .getResponseBody();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSecretIsShownOnceAndNothingSecretIsStoredInTheClear() {
    Map<String, Object> created =
        create(
            Map.of(
                "name", "ERP",
                "url", "http://127.0.0.1:9/services/T000/B000/erp-url-token",
                "headers", Map.of("Authorization", "Bearer erp-api-key-123")));

    String secret = (String) created.get("signingSecret");
    assertThat(secret).startsWith("whsec_");
    var destination = (Map<String, Object>) created.get("destination");
    String id = (String) destination.get("id");
    assertThat(destination.get("headerNames")).isEqualTo(List.of("Authorization"));
    // The path of a URL can be the credential (Slack's incoming webhooks): shown and audited
    // without it.
    assertThat(destination.get("url")).isEqualTo("http://127.0.0.1:9/…");

    String shown =
        SignedIn.as(web, "VIEWER")
            .get()
            .uri("/api/destinations/{id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(shown)
        .doesNotContain(secret.substring(6))
        .doesNotContain("erp-api-key-123")
        .doesNotContain("erp-url-token");

    Document stored = mongo.findById(id, Document.class, DestinationDocument.COLLECTION).block();
    assertThat(stored.toJson())
        .doesNotContain(secret.substring(6))
        .doesNotContain("erp-api-key-123")
        .doesNotContain("erp-url-token");
    assertThat(audit("destination.create", id)).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void rotationShowsTheNewSecretAndKeepsTheOldOneSigningForADay() {
    var created = create(Map.of("name", "Slack", "url", "http://127.0.0.1:9/slack"));
    String id = (String) ((Map<String, Object>) created.get("destination")).get("id");

    Map<String, Object> rotated =
        admin()
            .post()
            .uri("/api/destinations/{id}/rotate-secret", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(
                new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();

    assertThat(rotated.get("signingSecret")).isNotEqualTo(created.get("signingSecret"));
    // A second rotation inside the overlap would stop the secret receivers still hold.
    admin()
        .post()
        .uri("/api/destinations/{id}/rotate-secret", id)
        .exchange()
        .expectStatus()
        .isEqualTo(409)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("ROTATION_IN_PROGRESS");
    assertThat(((Map<String, Object>) rotated.get("destination")).get("previousSecretSignsUntil"))
        .isNotNull();
    assertThat(audit("destination.rotate-secret", id)).isEqualTo(1);
  }

  @Test
  void addressesInsideTheNetworkAndOtherSchemesAreRefusedWithTheirPath() {
    for (String url :
        List.of(
            "https://10.0.0.8/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00::1]/x",
            "http://example.com/plain-http",
            "ftp://example.com/x",
            "https://user:pw@example.com/x")) {
      admin()
          .post()
          .uri("/api/destinations")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(Map.of("name", "x", "url", url))
          .exchange()
          .expectStatus()
          .isEqualTo(422)
          .expectHeader()
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody()
          .jsonPath("$.code")
          .isEqualTo("DESTINATION_INVALID")
          .jsonPath("$.errors[0].path")
          .isEqualTo("url");
    }
    admin()
        .post()
        .uri("/api/destinations")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(
            Map.of(
                "name",
                "",
                "url",
                "https://127.0.0.1/x",
                "rateLimitPerSecond",
                0,
                "headers",
                Map.of("webhook-signature", "x", "X-Ok", "line\nbreak")))
        .exchange()
        .expectStatus()
        .isEqualTo(422)
        .expectBody()
        .jsonPath("$.errors[*].path")
        .value(
            paths ->
                assertThat((List<String>) paths)
                    .containsExactlyInAnyOrder(
                        "name", "rateLimitPerSecond", "headers.webhook-signature", "headers.X-Ok"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void disablingAndEnablingAreAdminActionsRecordedInTheAuditLog() {
    var created = create(Map.of("name", "CRM", "url", "http://127.0.0.1:9/crm"));
    String id = (String) ((Map<String, Object>) created.get("destination")).get("id");

    SignedIn.as(web, "OPERATOR")
        .post()
        .uri("/api/destinations/{id}/disable", id)
        .exchange()
        .expectStatus()
        .isForbidden();
    admin()
        .post()
        .uri("/api/destinations/{id}/disable", id)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("reason", "receiver migrating"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(false)
        .jsonPath("$.disabledReason")
        .isEqualTo("receiver migrating");
    admin()
        .post()
        .uri("/api/destinations/{id}/enable", id)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.enabled")
        .isEqualTo(true);

    assertThat(audit("destination.disable", id)).isEqualTo(1);
    assertThat(audit("destination.enable", id)).isEqualTo(1);
  }

  @Test
  void aViewerReadsButCannotCreate() {
    SignedIn.as(web, "VIEWER")
        .post()
        .uri("/api/destinations")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("name", "x", "url", "https://example.com"))
        .exchange()
        .expectStatus()
        .isForbidden();
    SignedIn.as(web, "VIEWER").get().uri("/api/destinations").exchange().expectStatus().isOk();
    web.get().uri("/api/destinations").exchange().expectStatus().isUnauthorized();
  }

  private long audit(String action, String id) {
    return mongo
        .count(
            Query.query(Criteria.where("action").is(action).and("target.id").is(id)),
            AuditStore.COLLECTION)
        .block();
  }
}
