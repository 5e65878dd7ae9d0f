package io.parcelbell.flow.access;

import static io.parcelbell.contracts.security.AccessTable.Row.of;

import io.parcelbell.contracts.security.AccessTable;
import io.parcelbell.contracts.security.AccessTable.Row;
import io.parcelbell.flow.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint × every caller → the documented status (callers: none, VIEWER, OPERATOR, ADMIN,
 * scope shipments:write, a signed-in user without a parcelbell role); an endpoint without a row
 * fails the build. VIEWER reads; ADMIN changes flows and destinations.
 */
@IntegrationTest
class AccessIntegrationTest {

  private static final String DESTINATION = "{\"name\":\"x\",\"url\":\"ftp://refused\"}";
  private static final String FLOW = "{\"name\":\"\"}";

  private static final List<Row> ENDPOINTS =
      List.of(
          of(
              HttpMethod.GET,
              "/api/destinations",
              "/api/destinations",
              401,
              200,
              200,
              200,
              403,
              403),
          new Row(
              HttpMethod.POST,
              "/api/destinations",
              "/api/destinations",
              DESTINATION,
              401,
              403,
              403,
              422,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/destinations/{id}",
              "/api/destinations/dst_none",
              401,
              404,
              404,
              404,
              403,
              403),
          new Row(
              HttpMethod.PUT,
              "/api/destinations/{id}",
              "/api/destinations/dst_none",
              DESTINATION,
              401,
              403,
              403,
              422,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/destinations/{id}/rotate-secret",
              "/api/destinations/dst_none/rotate-secret",
              401,
              403,
              403,
              404,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/destinations/{id}/enable",
              "/api/destinations/dst_none/enable",
              401,
              403,
              403,
              404,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/destinations/{id}/disable",
              "/api/destinations/dst_none/disable",
              401,
              403,
              403,
              404,
              403,
              403),
          of(HttpMethod.GET, "/api/flows", "/api/flows", 401, 200, 200, 200, 403, 403),
          of(
              HttpMethod.GET,
              "/api/flows/triggers",
              "/api/flows/triggers",
              401,
              200,
              200,
              200,
              403,
              403),
          new Row(
              HttpMethod.POST,
              "/api/flows/validate",
              "/api/flows/validate",
              FLOW,
              401,
              403,
              403,
              200,
              403,
              403),
          new Row(HttpMethod.POST, "/api/flows", "/api/flows", FLOW, 401, 403, 403, 422, 403, 403),
          new Row(
              HttpMethod.POST,
              "/api/flows/preview",
              "/api/flows/preview",
              FLOW,
              401,
              403,
              403,
              422,
              403,
              403),
          new Row(
              HttpMethod.POST,
              "/api/flows/backtest",
              "/api/flows/backtest?since=2026-12-01T00:00:00Z",
              FLOW,
              401,
              403,
              403,
              422,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/flows/{id}/backtest",
              "/api/flows/flw_none/backtest?since=2026-12-01T00:00:00Z",
              401,
              403,
              403,
              404,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/destinations/{id}/test",
              "/api/destinations/dst_none/test",
              401,
              403,
              404,
              404,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/flows/{id}",
              "/api/flows/flw_none",
              401,
              404,
              404,
              404,
              403,
              403),
          new Row(
              HttpMethod.PUT,
              "/api/flows/{id}",
              "/api/flows/flw_none",
              FLOW,
              401,
              403,
              403,
              422,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/flows/{id}/enable",
              "/api/flows/flw_none/enable",
              401,
              403,
              403,
              404,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/flows/{id}/disable",
              "/api/flows/flw_none/disable",
              401,
              403,
              403,
              404,
              403,
              403),
          of(HttpMethod.GET, "/api/runs", "/api/runs", 401, 200, 200, 200, 403, 403),
          of(HttpMethod.GET, "/api/runs/{id}", "/api/runs/none", 401, 404, 404, 404, 403, 403),
          of(HttpMethod.GET, "/api/deliveries", "/api/deliveries", 401, 200, 200, 200, 403, 403),
          of(
              HttpMethod.POST,
              "/api/deliveries/{id}/replay",
              "/api/deliveries/none/replay",
              401,
              403,
              404,
              404,
              403,
              403),
          of(
              HttpMethod.POST,
              "/api/destinations/{id}/recover",
              "/api/destinations/dst_none/recover?since=2026-12-01T00:00:00Z",
              401,
              403,
              404,
              404,
              403,
              403),
          of(
              HttpMethod.GET,
              "/api/deliveries/{id}",
              "/api/deliveries/none",
              401,
              404,
              404,
              404,
              403,
              403),
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
          of(HttpMethod.GET, null, "/actuator/health/readiness", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/prometheus", 200, 200, 200, 200, 200, 200),
          of(HttpMethod.GET, null, "/actuator/env", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.GET, null, "/api/nothing-here", 401, 403, 403, 403, 403, 403),
          of(HttpMethod.DELETE, null, "/api/flows/flw_none", 401, 403, 403, 403, 403, 403));

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
}
