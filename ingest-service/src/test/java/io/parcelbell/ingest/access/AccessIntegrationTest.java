package io.parcelbell.ingest.access;

import static io.parcelbell.contracts.security.AccessTable.Row.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.security.AccessTable;
import io.parcelbell.contracts.security.AccessTable.Row;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.ingest.support.IngestIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every caller → the documented status, from one table (see report-service's
 * twin); an endpoint without a row fails the build. Callers: none, VIEWER, OPERATOR, ADMIN, scope
 * shipments:write, a signed-in user without a parcelbell role.
 */
@IngestIntegrationTest
class AccessIntegrationTest {

  /** Valid JSON, invalid registration: the scope gets past security to validation (400). */
  private static final String EMPTY = "{}";

  private static final List<Row> ENDPOINTS =
      List.of(
          new Row(
              HttpMethod.POST,
              "/api/shipments",
              "/api/shipments",
              EMPTY,
              401,
              403,
              403,
              403,
              400,
              403),
          // DeliveryAPI's webhook: no token; unsigned, its own HMAC check refuses it for everyone.
          new Row(
              HttpMethod.POST,
              "/api/webhook/delivery",
              "/api/webhook/delivery",
              EMPTY,
              401,
              401,
              401,
              401,
              401,
              401),
          of(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs", 200, 200, 200, 200, 200, 200),
          of(
              HttpMethod.GET,
              "/v3/api-docs.yaml",
              "/v3/api-docs.yaml",
              200,
              200,
              200,
              200,
              200,
              200));

  private static final List<Row> OTHERS =
      List.of(
          of(HttpMethod.GET, null, "/actuator/health/liveness", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/prometheus", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/info", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.GET, null, "/api/shipments", 401, 403, 403, 403, 403, 403),
          // The provider's path is tokenless whatever the method; the controller refuses others.
          of(HttpMethod.GET, null, "/api/webhook/delivery", 405, 405, 405, 405, 405, 405));

  @Autowired WebTestClient web;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void everyEndpointTheServiceServesHasARow() {
    AccessTable.assertRowForEveryEndpoint(mappings, ENDPOINTS);
  }

  @Test
  void eachCallerGetsTheDocumentedStatusOnEveryEndpoint() {
    List<Row> all = new ArrayList<>(ENDPOINTS);
    all.addAll(OTHERS);
    AccessTable.assertStatuses(web, all);
  }

  @Test
  void registeringWithoutTheScopeIs403ProblemWithInsufficientScope() {
    web.post()
        .uri("/api/shipments")
        .header("Authorization", "Bearer " + TestIssuer.get().withRoles("ADMIN"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(EMPTY)
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .value("WWW-Authenticate", value -> assertThat(value).contains("insufficient_scope"))
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("FORBIDDEN");
  }
}
