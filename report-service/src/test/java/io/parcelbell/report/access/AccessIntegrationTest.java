package io.parcelbell.report.access;

import static io.parcelbell.contracts.security.AccessTable.Row.of;
import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.security.AccessTable;
import io.parcelbell.contracts.security.AccessTable.Row;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.savedrequest.ServerRequestCacheWebFilter;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

/**
 * Every endpoint × every caller → the documented status, from one table; an endpoint the service
 * serves without a row here fails the build. Tokens are real JWTs from {@link TestIssuer}, checked
 * as a real provider's are. Callers: none, VIEWER, OPERATOR, ADMIN, scope shipments:write, a
 * signed-in user without a parcelbell role.
 */
@IntegrationTest
class AccessIntegrationTest {

  private static final String REPORT =
      "{\"msgKey\":\"MK-access\",\"serviceType\":\"ALIMTALK\",\"reportCode\":\"10000\"}";

  /** The controllers' endpoints. */
  private static final List<Row> ENDPOINTS =
      List.of(
          of(
              HttpMethod.GET,
              "/api/notifications",
              "/api/notifications",
              401,
              200,
              200,
              200,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/notifications/stats",
              "/api/notifications/stats?window=PT24H",
              401,
              200,
              200,
              200,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/notifications/overview",
              "/api/notifications/overview",
              401,
              200,
              200,
              200,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/notifications/{id}",
              "/api/notifications/cj:404:DELIVERED",
              401,
              404,
              404,
              404,
              403,
              403),
          // A copy of the history leaving the system: OPERATOR, and audit-logged.
          of(
              HttpMethod.GET,
              "/api/notifications/export",
              "/api/notifications/export?state=DEAD_LETTER",
              401,
              403,
              200,
              200,
              403,
              403),
          of(HttpMethod.GET, "/api/audit", "/api/audit", 401, 200, 200, 200, 403, 403),
          of(
              HttpMethod.POST,
              "/api/notifications/{id}/resend",
              "/api/notifications/cj:404:DELIVERED/resend",
              401,
              403,
              404,
              404,
              403,
              403),
          // Bizgo's webhook: no token, its own address and signature checks (answered 200 always).
          new Row(
              HttpMethod.POST,
              "/webhook/bizgo/report",
              "/webhook/bizgo/report",
              REPORT,
              200,
              200,
              200,
              200,
              200,
              200),
          new Row(
              HttpMethod.POST,
              "/webhook/bizgo/alimtalk",
              "/webhook/bizgo/alimtalk",
              REPORT,
              200,
              200,
              200,
              200,
              200,
              200),
          // The OpenAPI document (springdoc): open, it says how to sign in and holds no data.
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

  /**
   * Not controllers: probes and metrics open, the rest of the actuator and unknown paths closed.
   */
  private static final List<Row> OTHERS =
      List.of(
          of(HttpMethod.GET, null, "/actuator/health/liveness", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/health/readiness", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/prometheus", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/info", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.GET, null, "/actuator/env", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.GET, null, "/api/nothing-here", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.DELETE, null, "/api/notifications", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.GET, null, "/webhook/bizgo/report", 405, 405, 405, 405, 405, 405),
          // HEAD follows GET's rule (WebFlux serves it with the GET handler).
          of(HttpMethod.HEAD, null, "/api/notifications", 401, 200, 200, 200, 403, 403),
          of(HttpMethod.HEAD, null, "/actuator/health/readiness", 200, 200, 200, 200, 200, 200));

  @Autowired WebTestClient web;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Autowired SecurityWebFilterChain security;

  /**
   * The default request cache looks up (and so creates) a WebSession on every request, which the
   * in-memory store does on boundedElastic and hands on to the parallel scheduler: two thread hops
   * and a SecureRandom id per webhook, for a login page these services do not have.
   */
  @Test
  void noRequestIsSavedInASession() {
    List<WebFilter> filters = security.getWebFilters().collectList().block();
    assertThat(filters)
        .filteredOn(ServerRequestCacheWebFilter.class::isInstance)
        .singleElement()
        .extracting(filter -> ReflectionTestUtils.getField(filter, "requestCache"))
        .isInstanceOf(NoOpServerRequestCache.class);
  }

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
  void withoutATokenTheAnswerIs401ProblemWithABearerChallenge() {
    web.get()
        .uri("/api/notifications")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer")
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("UNAUTHORIZED")
        .jsonPath("$.status")
        .isEqualTo(401);
  }

  @Test
  void theWrongRoleIs403ProblemWithInsufficientScope() {
    web.get()
        .uri("/api/notifications")
        .header("Authorization", "Bearer " + TestIssuer.get().withScopes("shipments:write"))
        .exchange()
        .expectStatus()
        .isForbidden()
        .expectHeader()
        .value(
            "WWW-Authenticate", value -> assertThat(value).contains("error=\"insufficient_scope\""))
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void expiredForeignMisSignedOrMisaddressedTokensAre401InvalidToken() {
    TestIssuer issuer = TestIssuer.get();
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put(
        "expired",
        issuer.token(
            claims ->
                claims
                    .claim("roles", List.of("ADMIN"))
                    .issueTime(Date.from(Instant.now().minusSeconds(900)))
                    .notBeforeTime(Date.from(Instant.now().minusSeconds(900)))
                    .expirationTime(Date.from(Instant.now().minusSeconds(300)))));
    tokens.put(
        "another issuer",
        issuer.token(
            claims -> claims.claim("roles", List.of("ADMIN")).issuer("https://evil.example")));
    tokens.put("another key", issuer.signedByAnotherKey());
    tokens.put(
        "another audience",
        issuer.token(claims -> claims.claim("roles", List.of("ADMIN")).audience("another-api")));
    tokens.put("not a JWT", "abc.def.ghi");

    tokens.forEach(
        (what, token) ->
            web.get()
                .uri("/api/notifications")
                .header("Authorization", "Bearer " + token)
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).as(what).isEqualTo(401))
                .expectHeader()
                .value(
                    "WWW-Authenticate",
                    value -> assertThat(value).as(what).contains("error=\"invalid_token\""))
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("UNAUTHORIZED"));
  }
}
