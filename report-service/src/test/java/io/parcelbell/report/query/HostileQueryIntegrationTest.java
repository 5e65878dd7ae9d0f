package io.parcelbell.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.SignedIn;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * 1,000 generated hostile requests to the history API (fixed seed): filters of every wrong shape,
 * forged cursors, limits out of range, ids with path tricks, windows that are not durations, and
 * Accept headers it does not serve. Each is answered 200 or a 4xx problem+json with a stable code;
 * never a 5xx, never a stack trace.
 */
@IntegrationTest
class HostileQueryIntegrationTest {

  private static final long SEED = 20261202L;
  private static final int REQUESTS = 1_000;

  @Autowired WebTestClient web;

  /** As a signed-in VIEWER: the history needs a token. */
  @BeforeEach
  void signInAsViewer() {
    web = SignedIn.asViewer(web);
  }

  @LocalServerPort int port;

  record Hostile(String kind, String uri, String accept) {}

  @Test
  void aThousandHostileQueriesGetAnAnswerOrAProblemNeverAFailure() {
    Random random = new Random(SEED);
    ObjectMapper json = new ObjectMapper();
    Map<String, Integer> answers = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Hostile h = generate(random);
      EntityExchangeResult<byte[]> result =
          web.get()
              .uri(URI.create("http://localhost:" + port + h.uri()))
              .headers(headers -> headers.set("Accept", h.accept()))
              .exchange()
              .expectBody(byte[].class)
              .returnResult();
      int status = result.getStatus().value();
      byte[] content = result.getResponseBodyContent();
      String body = content == null ? "" : new String(content, StandardCharsets.UTF_8);
      String code = codeOf(json, content);
      answers.merge(h.kind() + " " + status + " " + code, 1, Integer::sum);
      boolean problem =
          MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(
              result.getResponseHeaders().getContentType());
      boolean fine = status == 200 || (status >= 400 && status < 500 && problem && !code.isEmpty());
      if (!fine || body.contains("Exception") || body.contains("\tat ")) {
        failures.add("#" + i + " " + h + " -> " + status + " " + body);
      }
    }
    System.out.println("hostile query answers: " + answers);
    assertThat(failures).as("answers that were not 200 or a 4xx problem with a code").isEmpty();
  }

  private static Hostile generate(Random r) {
    String accept =
        pick(
            r,
            "application/json",
            "*/*",
            "application/xml",
            "text/html",
            "application/problem+json");
    return switch (r.nextInt(6)) {
      case 0 ->
          new Hostile(
              "filter",
              "/api/notifications?"
                  + pick(r, "orderId", "trackingNumber", "state")
                  + "="
                  + enc(junk(r))
                  + (r.nextBoolean() ? "&orderId=" + enc(junk(r)) : ""),
              accept);
      case 1 ->
          new Hostile(
              "limit",
              "/api/notifications?limit="
                  + enc(
                      pick(
                          r,
                          "-1",
                          "0",
                          "101",
                          "1e3",
                          "abc",
                          "",
                          "１",
                          "9999999999999999999",
                          " 5",
                          "5.0")),
              accept);
      case 2 -> {
        byte[] forged = new byte[r.nextInt(80)];
        r.nextBytes(forged);
        String cursor =
            pick(
                r,
                Base64.getUrlEncoder().withoutPadding().encodeToString(forged),
                Base64.getUrlEncoder()
                    .encodeToString("2026-01-01T00:00:00Z|x".getBytes(StandardCharsets.UTF_8)),
                "%00",
                "!!!",
                junk(r));
        yield new Hostile("cursor", "/api/notifications?cursor=" + enc(cursor), accept);
      }
      case 3 ->
          new Hostile(
              "id",
              "/api/notifications/"
                  + pick(
                      r,
                      enc(junk(r)),
                      "..%2F..%2Factuator%2Fenv",
                      "%2e%2e",
                      "cj:1:DELIVERED%00",
                      "%E0%A4",
                      "x".repeat(3_000)),
              accept);
      case 4 ->
          new Hostile(
              "window",
              "/api/notifications/stats?window="
                  + enc(pick(r, "PT-1H", "P100000D", "garbage", "", "PT0S", "P1Y", junk(r))),
              accept);
      default ->
          new Hostile(
              "unknown parameter",
              "/api/notifications?" + enc(junk(r)) + "=" + enc(junk(r)) + "&limit=5",
              accept);
    };
  }

  /** Strings that have broken parsers: quotes, operators, control and wide characters, length. */
  private static String junk(Random r) {
    return pick(
        r,
        "{\"$ne\":null}",
        "'; db.dropDatabase(); '",
        "\u0000\u0001\u001f",
        "한글주문번호",
        "<script>alert(1)</script>",
        "%s%n%x",
        "../../etc/passwd",
        "a".repeat(1 + r.nextInt(1_500)),
        String.valueOf(r.nextLong()),
        "\uD83D\uDE00",
        " ");
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String codeOf(ObjectMapper json, byte[] content) {
    try {
      JsonNode body = json.readTree(content);
      return body == null ? "" : body.path("code").asString("");
    } catch (Exception e) {
      return "";
    }
  }
}
