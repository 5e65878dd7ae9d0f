package io.parcelbell.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * The endpoint × caller table each service's access test is written as: which endpoints a service
 * serves (so one without a row fails), and what each caller gets from each row.
 */
public final class AccessTable {

  private AccessTable() {}

  /** Who calls: no token, each role, the order system's scope, a signed-in user with no role. */
  public enum Caller {
    NONE,
    VIEWER,
    OPERATOR,
    ADMIN,
    SHIPMENTS_WRITE,
    NO_ROLE
  }

  /**
   * An endpoint as the controller maps it ({@code pattern}; null for a request no controller
   * serves), a request to it with an optional JSON body, and the status per caller in {@link
   * Caller} order.
   */
  public record Row(HttpMethod method, String pattern, String uri, String body, int... statuses) {

    public Row {
      if (statuses.length != Caller.values().length) {
        throw new IllegalArgumentException("one status per caller: " + uri);
      }
    }

    public static Row of(HttpMethod method, String pattern, String uri, int... statuses) {
      return new Row(method, pattern, uri, null, statuses);
    }

    public String endpoint() {
      return method.name() + " " + pattern;
    }
  }

  /**
   * Fails unless every controller endpoint the service serves has a row in {@code rows} and every
   * row with a pattern names an endpoint that still exists.
   */
  public static void assertRowForEveryEndpoint(
      RequestMappingHandlerMapping mappings, List<Row> rows) {
    List<String> served = served(mappings);
    List<String> inTable = endpoints(rows);
    assertThat(served).as("endpoints without a row").isSubsetOf(inTable);
    assertThat(inTable).as("rows for endpoints that no longer exist").isSubsetOf(served);
  }

  /** Fails naming every row × caller whose status differs from the table. */
  public static void assertStatuses(WebTestClient web, List<Row> rows) {
    // Statuses, not speed: the first request for the OpenAPI document builds it, which on a loaded
    // 2-core machine can take longer than WebTestClient's default 5 s.
    assertThat(mismatches(web.mutate().responseTimeout(Duration.ofSeconds(60)).build(), rows))
        .isEmpty();
  }

  /** "METHOD pattern" of every controller endpoint in the service. */
  private static List<String> served(RequestMappingHandlerMapping mappings) {
    List<String> served = new ArrayList<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      for (var pattern : info.getPatternsCondition().getPatterns()) {
        for (var method : info.getMethodsCondition().getMethods()) {
          served.add(method.name() + " " + pattern.getPatternString());
        }
      }
    }
    return served;
  }

  /** The rows' endpoints (rows without a pattern are not endpoints). */
  private static List<String> endpoints(List<Row> rows) {
    return rows.stream().filter(row -> row.pattern() != null).map(Row::endpoint).toList();
  }

  /** Every row × caller whose status differs from the table, with the status it got. */
  private static Map<String, Integer> mismatches(WebTestClient web, List<Row> rows) {
    Map<String, Integer> wrong = new LinkedHashMap<>();
    for (Row row : rows) {
      for (Caller caller : Caller.values()) {
        int expected = row.statuses()[caller.ordinal()];
        int actual = call(web, row, caller);
        if (actual != expected) {
          wrong.put(
              row.method() + " " + row.uri() + " as " + caller + " expected " + expected, actual);
        }
      }
    }
    return wrong;
  }

  private static int call(WebTestClient web, Row row, Caller caller) {
    var request = web.method(row.method()).uri(row.uri());
    String token =
        switch (caller) {
          case NONE -> null;
          case VIEWER, OPERATOR, ADMIN -> TestIssuer.get().withRoles(caller.name());
          case SHIPMENTS_WRITE -> TestIssuer.get().withScopes("shipments:write");
          case NO_ROLE -> TestIssuer.get().withRoles("somebody-else");
        };
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (row.body() != null) {
      request.contentType(MediaType.APPLICATION_JSON).bodyValue(row.body());
    }
    return request.exchange().returnResult(byte[].class).getStatus().value();
  }
}
