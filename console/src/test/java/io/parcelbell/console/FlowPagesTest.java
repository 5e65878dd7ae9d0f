package io.parcelbell.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;

import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The flows and destinations pages against a flow-service stand-in, per role. */
class FlowPagesTest extends ApiStandIn {

  static final String FLOW =
      """
      {"id":"flw_1","name":"리뷰 요청","version":2,"enabled":false,"trigger":"SHIPMENT_STATUS_CHANGED",
       "filter":{"field":"status","operator":"EQUALS","values":["DELIVERED"]},
       "steps":[{"type":"delay","businessDays":3,"at":"10:00"},
                {"type":"webhook","destinationId":"dst_1","body":"{\\"o\\": {{ metadata.orderId | json }}}","headers":{}}],
       "personalData":"MASKED","createdAt":"2026-12-01T01:00:00Z","updatedAt":"2026-12-01T02:00:00Z"}
      """;

  @Test
  void theListSaysEachFlowsStateInWordsAndOnlyAdminsAreOfferedANewOne() {
    ANSWERS.put("/api/flows", "[" + FLOW + "]");

    String asViewer = body(as("VIEWER").get().uri("/flows").exchange());
    assertThat(asViewer)
        .contains("리뷰 요청", "배송 상태 변경", "✖ 꺼짐", "<caption>플로우 목록</caption>")
        .doesNotContain("/flows/new");
    assertThat(body(as("ADMIN").get().uri("/flows").exchange())).contains("href=\"/flows/new\"");
  }

  @Test
  void aViewerReadsTheDefinitionButIsOfferedNoEditorAndNoSwitch() {
    ANSWERS.put("/api/flows/flw_1", FLOW);

    String page = body(as("VIEWER").get().uri("/flows/flw_1").exchange());

    assertThat(page)
        .contains("관리자(ADMIN)만", "&quot;businessDays&quot; : 3")
        .doesNotContain("id=\"flow-form\"", "/flows/flw_1/enable");
    String asAdmin = body(as("ADMIN").get().uri("/flows/flw_1").exchange());
    assertThat(asAdmin)
        .contains("id=\"flow-form\"", "/flows/flw_1/enable", "name=\"id\" value=\"flw_1\"")
        .contains("<label for=\"steps\">", "aria-describedby=\"steps-help steps-errors\"");
  }

  @Test
  void whileTypingTheApiChecksTheDraftAndEachProblemLandsBesideItsField()
      throws InterruptedException {
    ANSWERS.put(
        "POST /api/flows/validate",
        """
        {"valid":false,"errors":[{"path":"steps[1].body","code":"UNKNOWN_VARIABLE",
          "reason":"unknown variable metadata.ordrId"},{"path":"name","code":"REQUIRED","reason":"a name is needed"}]}
        """);

    String fragment =
        body(
            admin()
                .post()
                .uri("/flows/check")
                .header("HX-Request", "true")
                .body(
                    draft(
                        "", "[{\"type\":\"webhook\",\"destinationId\":\"dst_1\",\"body\":\"x\"}]"))
                .exchange());

    assertThat(fragment)
        .contains("id=\"steps-errors\"", "steps[1].body", "unknown variable metadata.ordrId")
        .contains("id=\"name-errors\"", "a name is needed")
        .contains("hx-swap-oob=\"innerHTML\"", "문제 2개");
    // Every region the check swaps is on the editor's page, under the same id.
    ANSWERS.put("/api/flows/flw_1", FLOW);
    String editor = body(as("ADMIN").get().uri("/flows/flw_1").exchange());
    java.util.regex.Matcher swapped =
        java.util.regex.Pattern.compile("id=\"([a-zA-Z-]+)\"[^>]*hx-swap-oob").matcher(fragment);
    int regions = 0;
    while (swapped.find()) {
      assertThat(editor).contains("id=\"" + swapped.group(1) + "\"");
      regions++;
    }
    assertThat(regions).isEqualTo(7); // general, 5 fields, the status line
    RecordedRequest asked = REPORT.takeRequest(1, TimeUnit.SECONDS);
    assertThat(asked.getPath()).isEqualTo("/api/flows/validate");
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer access-token");
    assertThat(asked.getBody().readUtf8())
        .contains("\"steps\":[{\"type\":\"webhook\"", "\"trigger\":\"SHIPMENT_STATUS_CHANGED\"");
  }

  @Test
  void aJsonSyntaxErrorIsSaidWithItsLineWithoutAskingTheApi() throws InterruptedException {
    String fragment =
        body(
            admin()
                .post()
                .uri("/flows/check")
                .header("HX-Request", "true")
                .body(draft("리뷰", "[\n  {\"type\": }\n]"))
                .exchange());

    assertThat(fragment).contains("id=\"steps-errors\"", "line 2, column");
    assertThat(REPORT.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void thePreviewShowsWhatWouldBeSentForTheSampleEvent() {
    ANSWERS.put(
        "POST /api/flows/preview",
        """
        {"eventId":"evt_sample","webhooks":[{"step":1,"destinationId":"dst_1",
          "body":"{\\"o\\": \\"ORD-SAMPLE-1\\"}","headers":{"X-Order":"ORD-SAMPLE-1"}}]}
        """);

    String fragment =
        body(
            admin()
                .post()
                .uri("/flows/preview")
                .header("HX-Request", "true")
                .body(draft("리뷰", "[]"))
                .exchange());

    assertThat(fragment).contains("2단계 → 수신처 dst_1", "X-Order", "ORD-SAMPLE-1");
  }

  @Test
  void aBacktestAsksFromTheStartOfTheKoreanDayAndSaysWhatWouldHaveHappened()
      throws InterruptedException {
    ANSWERS.put(
        "POST /api/flows/backtest",
        """
        {"since":"2026-11-24T15:00:00Z","scanned":120,"wouldStart":31,"wouldExit":2,"complete":true,
         "samples":[],"sampleErrors":[]}
        """);

    String fragment =
        body(
            admin()
                .post()
                .uri("/flows/backtest")
                .header("HX-Request", "true")
                .body(draft("리뷰", "[]").with("since", "2026-11-20"))
                .exchange());

    assertThat(fragment).contains("이벤트 120건", "실행 31건", "2건");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/flows/backtest?since=2026-11-19T15:00:00Z");
  }

  @Test
  void savingGoesToTheFlowsNewVersionOrShowsTheFormAgainWithTheRefusal() {
    ANSWERS.put("PUT /api/flows/flw_1", FLOW);
    ANSWERS.put("GET /api/flows/flw_1", FLOW);

    admin()
        .post()
        .uri("/flows")
        .body(draft("리뷰 요청", "[]").with("id", "flw_1"))
        .exchange()
        .expectStatus()
        .isSeeOther()
        .expectHeader()
        .valueEquals("Location", "/flows/flw_1?saved=2");

    ANSWERS.put(
        "POST /api/flows",
        """
        {"type":"about:blank","status":422,"code":"INVALID_FLOW","detail":"the flow is invalid",
         "errors":[{"path":"steps[0].destinationId","code":"UNKNOWN_DESTINATION","reason":"no destination dst_9"}]}
        """);
    STATUS.put("POST /api/flows", 422);
    String page = body(admin().post().uri("/flows").body(draft("새 플로우", "[]")).exchange(), 422);
    assertThat(page)
        .contains("steps[0].destinationId", "no destination dst_9", "문제 1개")
        .contains("value=\"새 플로우\"");
  }

  @Test
  void aDestinationShowsWhyItIsDisabledAndOperatorsReplayAndRecover() throws InterruptedException {
    ANSWERS.put(
        "/api/destinations/dst_1",
        """
        {"id":"dst_1","name":"Slack","url":"https://hooks.slack.com","headerNames":[],"rateLimitPerSecond":null,
         "enabled":false,"disabledReason":"410 Gone from the receiver","disabledAt":"2026-12-01T03:00:00Z",
         "failingSince":"2026-12-01T02:00:00Z","previousSecretSignsUntil":null,
         "createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-12-01T03:00:00Z"}
        """);
    ANSWERS.put(
        "/api/deliveries",
        """
        {"items":[{"id":"dlv_1","webhookId":"msg_1","destinationId":"dst_1","flowId":"flw_1","flowVersion":2,
          "runId":"run_1","step":1,"state":"EXHAUSTED","nextAttemptAt":null,"parked":false,"attemptCount":8,
          "attempts":[{"number":8,"at":"2026-12-01T02:59:00Z","status":503,"latencyMs":120,"responseBody":"down","error":null}],
          "headerNames":[],"bodyBytes":20,"createdAt":"2026-12-01T01:00:00Z","updatedAt":"2026-12-01T02:59:00Z"}],
         "next":null}
        """);

    String asViewer =
        body(as("VIEWER").get().uri("/destinations/dst_1?state=EXHAUSTED").exchange());
    assertThat(asViewer)
        .contains("✖ 중지됨", "410 Gone from the receiver", "2026-12-01 12:00:00 KST")
        .contains("✖ 재시도 소진", "HTTP 503 (응답 120 ms)")
        .doesNotContain("/deliveries/dlv_1/replay", "recover");
    String asOperator = body(as("OPERATOR").get().uri("/destinations/dst_1").exchange());
    assertThat(asOperator).contains("/deliveries/dlv_1/replay", "/destinations/dst_1/recover");
    while (REPORT.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // the pages above
    }

    ANSWERS.put("POST /api/deliveries/dlv_1/replay", "{}");
    assertThat(
            body(
                operator()
                    .post()
                    .uri("/deliveries/dlv_1/replay")
                    .header("HX-Request", "true")
                    .exchange()))
        .contains("다시 보내기를 요청했습니다");

    ANSWERS.put(
        "POST /api/destinations/dst_1/recover",
        "{\"destinationId\":\"dst_1\",\"since\":\"2026-11-30T15:00:00Z\",\"dryRun\":true,\"count\":3}");
    String counted =
        body(
            operator()
                .post()
                .uri("/destinations/dst_1/recover")
                .header("HX-Request", "true")
                .body(BodyInserters.fromFormData("since", "2026-12-01"))
                .exchange());
    assertThat(counted).contains("다시 보낼 전송: 3건", "name=\"confirm\" value=\"true\"", "3건 다시 보내기");
    RecordedRequest replayed = REPORT.takeRequest(1, TimeUnit.SECONDS);
    assertThat(replayed.getPath()).isEqualTo("/api/deliveries/dlv_1/replay");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/destinations/dst_1/recover?since=2026-11-30T15:00:00Z&dryRun=true");

    ANSWERS.put(
        "POST /api/destinations/dst_1/recover",
        "{\"destinationId\":\"dst_1\",\"since\":\"2026-11-30T15:00:00Z\",\"dryRun\":false,\"count\":3}");
    String done =
        body(
            operator()
                .post()
                .uri("/destinations/dst_1/recover")
                .header("HX-Request", "true")
                .body(BodyInserters.fromFormData("since", "2026-12-01").with("confirm", "true"))
                .exchange());
    assertThat(done).contains("3건을 다시 보내기 대기열에 넣었습니다");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath()).endsWith("dryRun=false");
  }

  @Test
  void theDestinationsListSaysWhichAreDisabledAndWhy() {
    ANSWERS.put(
        "/api/destinations",
        """
        [{"id":"dst_1","name":"Slack","url":"https://hooks.slack.com","headerNames":[],"rateLimitPerSecond":5,
          "enabled":false,"disabledReason":"410 Gone","disabledAt":"2026-12-01T03:00:00Z","failingSince":null,
          "previousSecretSignsUntil":null,"createdAt":"2026-11-01T00:00:00Z","updatedAt":"2026-12-01T03:00:00Z"}]
        """);

    assertThat(body(as("VIEWER").get().uri("/destinations").exchange()))
        .contains("Slack", "✖ 중지됨", "사유: 410 Gone", "초당 5건", "<caption>수신처 목록</caption>");
  }

  @Test
  void aRefusalTheAdminCanActOnIsSaidInWordsNotAnErrorPage() {
    ANSWERS.put(
        "POST /api/flows/flw_1/enable",
        "{\"status\":409,\"code\":\"CHANGED_MEANWHILE\",\"detail\":\"read it again\"}");
    STATUS.put("POST /api/flows/flw_1/enable", 409);
    admin()
        .post()
        .uri("/flows/flw_1/enable")
        .exchange()
        .expectStatus()
        .isSeeOther()
        .expectHeader()
        .valueEquals("Location", "/flows/flw_1?refused=CHANGED_MEANWHILE");
    ANSWERS.put("/api/flows/flw_1", FLOW);
    assertThat(body(as("ADMIN").get().uri("/flows/flw_1?refused=CHANGED_MEANWHILE").exchange()))
        .contains("flow-service가 거절했습니다: CHANGED_MEANWHILE");
    assertThat(body(as("ADMIN").get().uri("/flows/flw_1?refused=%3Cscript%3E").exchange()))
        .doesNotContain("거절했습니다");

    // A delivery deleted meanwhile: the replay says so in place of the button.
    ANSWERS.put(
        "POST /api/deliveries/dlv_gone/replay",
        "{\"status\":404,\"code\":\"DELIVERY_NOT_FOUND\",\"detail\":\"no delivery dlv_gone\"}");
    STATUS.put("POST /api/deliveries/dlv_gone/replay", 404);
    assertThat(
            body(
                operator()
                    .post()
                    .uri("/deliveries/dlv_gone/replay")
                    .header("HX-Request", "true")
                    .exchange()))
        .contains("이 전송 기록은 더 이상 없습니다");
  }

  @Test
  void everyChangeNeedsTheCsrfTokenThePagesFormsCarry() {
    for (String path :
        List.of(
            "/flows",
            "/flows/check",
            "/flows/preview",
            "/flows/backtest",
            "/flows/flw_1/enable",
            "/flows/flw_1/disable",
            "/deliveries/dlv_1/replay",
            "/destinations/dst_1/recover")) {
      as("ADMIN")
          .post()
          .uri(path)
          .header("HX-Request", "true")
          .body(draft("x", "[]"))
          .exchange()
          .expectStatus()
          .isForbidden();
    }
    ANSWERS.put("/api/flows/flw_1", FLOW);
    assertThat(body(as("ADMIN").get().uri("/flows/flw_1").exchange()))
        .containsPattern("action=\"/flows\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"")
        .containsPattern(
            "action=\"/flows/flw_1/enable\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"");
  }

  private WebTestClient admin() {
    return as("ADMIN").mutateWith(csrf());
  }

  private WebTestClient operator() {
    return as("OPERATOR").mutateWith(csrf());
  }

  private static BodyInserters.FormInserter<String> draft(String name, String steps) {
    return BodyInserters.fromFormData("name", name)
        .with("trigger", "SHIPMENT_STATUS_CHANGED")
        .with("personalData", "MASKED")
        .with("filter", "")
        .with("steps", steps);
  }
}
