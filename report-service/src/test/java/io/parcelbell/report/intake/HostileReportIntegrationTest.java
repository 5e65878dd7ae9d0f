package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * 1,000 generated hostile report requests (fixed seed, so a failure reproduces): unreadable or
 * malformed bodies, msgKeys and codes no report has, disallowed or unparseable sources, hostile
 * headers and query strings. Bizgo's contract answers every one 200 {"msgKey"} (anything else makes
 * it retry): none may yield a 5xx or show a stack trace, none may echo a msgKey that is not one,
 * and nothing of them is stored - a valid marker posted afterwards is, which proves the path works.
 */
@IntegrationTest
class HostileReportIntegrationTest {

  private static final long SEED = 20261201L;
  private static final int REQUESTS = 1_000;
  private static final String VALID =
      "{\"msgKey\":\"%s\",\"serviceType\":\"ALIMTALK\",\"msgType\":\"AT\","
          + "\"reportTime\":\"2026-04-24T10:42:36.120+09:00\",\"reportType\":\"RS\","
          + "\"reportCode\":\"10000\",\"reportText\":\"성공\",\"ref\":\"cj:H:DELIVERED\"}";

  @Autowired WebTestClient web;
  @Autowired ReactiveMongoTemplate mongo;

  record Hostile(String kind, byte[] body, Map<String, String> headers, String query) {}

  @Test
  void aThousandHostileReportsAreAnsweredCalmlyAndNoneIsStored() {
    Random random = new Random(SEED);
    Map<String, Integer> answers = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      Hostile h = generate(random, i);
      EntityExchangeResult<byte[]> result = send(h);
      int status = result.getStatus().value();
      String body =
          result.getResponseBodyContent() == null
              ? ""
              : new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
      answers.merge(h.kind() + " " + status, 1, Integer::sum);
      if (status >= 500 || body.contains("Exception") || body.contains("\tat ")) {
        failures.add("#" + i + " " + h.kind() + " -> " + status + " " + body);
      }
      if (h.kind().equals("msgKey not a key") && body.contains("HOSTILE")) {
        failures.add("#" + i + " " + h.kind() + " echoed an invalid msgKey: " + body);
      }
    }
    System.out.println("hostile report answers: " + answers);
    assertThat(failures).as("answers that were a 5xx, a stack trace or an echo").isEmpty();
    assertThat(answers.keySet()).allMatch(k -> k.endsWith(" 200") || k.endsWith(" 431"));

    // One partition, in order: once the marker is stored, everything accepted before it is too.
    String marker = "MARKER" + UUID.randomUUID().toString().replace("-", "");
    send(
        new Hostile(
            "marker", VALID.formatted(marker).getBytes(StandardCharsets.UTF_8), Map.of(), ""));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                Boolean.TRUE.equals(
                    mongo
                        .exists(
                            new Query(where("msgKey").is(marker)),
                            RawReport.class,
                            RawReport.COLLECTION)
                        .block()));
    assertThat(
            mongo
                .count(
                    new Query(where("msgKey").regex("HOSTILE")),
                    RawReport.class,
                    RawReport.COLLECTION)
                .block())
        .as("hostile reports stored")
        .isZero();
  }

  private static Hostile generate(Random r, int i) {
    String key = "HOSTILE" + i;
    String valid = VALID.formatted(key);
    Map<String, String> headers = hostileHeaders(r);
    String query = r.nextInt(4) == 0 ? "?msgKey=" + key + "&x=%3Cscript%3E&&=" : "";
    return switch (i % 10) {
      case 0 ->
          new Hostile(
              "truncated",
              bytes(valid.substring(0, r.nextInt(valid.length() - 1))),
              headers,
              query);
      case 1 ->
          new Hostile(
              "msgKey not a key",
              bytes(
                  valid.replace(
                      "\"" + key + "\"",
                      pick(
                          r,
                          "{}",
                          "[]",
                          "null",
                          "\"\"",
                          "\"   \"",
                          "\"" + key + " " + key + "\"",
                          "\"" + key + "\u0000\"",
                          "\"" + key + "한글\"",
                          "\"" + key + "x".repeat(200) + "\""))),
              headers,
              query);
      case 2 ->
          new Hostile(
              "reportCode not a code",
              bytes(
                  valid.replace(
                      "\"10000\"",
                      pick(
                          r,
                          "{}",
                          "[]",
                          "null",
                          "\"\"",
                          "\"10000; DROP\"",
                          "\"" + "9".repeat(40) + "\"",
                          "\"코드\""))),
              headers,
              query);
      case 3 ->
          new Hostile(
              "deep nesting",
              bytes(
                  "{\"msgKey\":\""
                      + key
                      + "\",\"x\":"
                      + "[".repeat(5_000)
                      + "]".repeat(5_000)
                      + "}"),
              headers,
              query);
      case 4 -> {
        byte[] b = bytes(valid);
        int at = valid.indexOf(key) + 2;
        b[at] = (byte) 0xC3; // a lone lead byte: not UTF-8
        b[at + 1] = (byte) 0x28;
        yield new Hostile("invalid UTF-8", b, headers, query);
      }
      case 5 -> new Hostile("empty body", new byte[0], headers, query);
      case 6 -> new Hostile("array", bytes("[" + valid + "]"), headers, query);
      case 7 ->
          new Hostile(
              "huge number",
              bytes(valid.replace("\"10000\"", "1" + "0".repeat(5_000))),
              headers,
              query);
      case 8 -> {
        Map<String, String> from = new TreeMap<>(headers);
        from.put(
            "X-Forwarded-For",
            pick(
                r,
                "203.0.113." + r.nextInt(255),
                "198.51.100.7, 10.0.0.1",
                "2001:db8::" + r.nextInt(999)));
        yield new Hostile("source not allowed", bytes(valid), from, query);
      }
      default -> {
        Map<String, String> from = new TreeMap<>(headers);
        from.put(
            "X-Forwarded-For",
            pick(r, "cafe", "bad.beef", "localhost", "0x7f.1", "127.1", "unknown", "[::1"));
        yield new Hostile("source unparseable", bytes(valid), from, query);
      }
    };
  }

  private static Map<String, String> hostileHeaders(Random r) {
    Map<String, String> headers = new TreeMap<>();
    switch (r.nextInt(6)) {
      case 0 -> headers.put("Accept", pick(r, "application/xml", "text/html", "a/b;q=0.5", "*/*"));
      case 1 ->
          headers.put(
              "Content-Type",
              pick(
                  r,
                  "text/plain",
                  "application/x-www-form-urlencoded",
                  "x-garbage/none",
                  "application/json; charset=latin1"));
      case 2 -> headers.put("X-Padding", "x".repeat(r.nextInt(2_000)));
      case 3 -> {
        headers.put("X-IB-Timestamp", pick(r, "-1", "99999999999999999999", "now", ""));
        headers.put("X-IB-Signature", pick(r, "zz", "", "=".repeat(50)));
      }
      default -> {}
    }
    return headers;
  }

  private EntityExchangeResult<byte[]> send(Hostile h) {
    return web.post()
        .uri("/webhook/bizgo/report" + h.query())
        .contentType(MediaType.APPLICATION_JSON)
        .headers(headers -> h.headers().forEach(headers::set))
        .bodyValue(h.body())
        .exchange()
        .expectBody(byte[].class)
        .returnResult();
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
