package io.parcelbell.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Each page as a signed-in person (mockOidcLogin) against a report-service stand-in that records
 * what the console asked and with which token.
 */
class ConsolePagesTest extends ApiStandIn {

  @Test
  void anonymousPeopleAreSentToSignInAndHtmxGetsARedirectNotALoginFragment() {
    web.get()
        .uri("/")
        .exchange()
        .expectStatus()
        .isFound()
        .expectHeader()
        .valueEquals("Location", "/oauth2/authorization/parcelbell");
    web.get()
        .uri("/dashboard/figures")
        .header("HX-Request", "true")
        .header("HX-Current-URL", "http://localhost:8085/notifications?state=SENT")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("HX-Redirect", "/notifications?state=SENT");
    web.get()
        .uri("/dashboard/figures")
        .header("HX-Request", "true")
        .header("HX-Current-URL", "https://evil.example/phish")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("HX-Redirect", "/phish"); // a path on this console: the host is dropped
    web.get()
        .uri("/dashboard/figures")
        .header("HX-Request", "true")
        .header("HX-Current-URL", "http://localhost:8085//evil.example/phish")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("HX-Redirect", "/");
    web.get().uri("/actuator/health").exchange().expectStatus().isOk();
  }

  @Test
  void theDashboardShowsTheFiguresInKoreanWithTheTokenRelayedAndWarnsWhenReportsStop()
      throws InterruptedException {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ANSWERS.put("/api/notifications/overview", overview(now, now.minus(2, ChronoUnit.HOURS)));

    String page = body(as("VIEWER").get().uri("/").exchange());

    assertThat(page)
        .contains("대시보드", "전달 실패", "발송 권한 없음", "64008", "전달 결과 보고가 들어오지 않고 있습니다")
        .contains(
            "hx-get=\"/dashboard/figures\"", "every 15s", "id=\"reports-quiet\" role=\"status\"")
        .contains("<caption>일별 실패율 (최근 7일)</caption>", "25.0%");
    RecordedRequest asked = REPORT.takeRequest(1, TimeUnit.SECONDS);
    assertThat(asked.getPath()).isEqualTo("/api/notifications/overview");
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer access-token");
  }

  @Test
  void theDashboardSaysWhenItsFiguresAreOlderThanCountingKeepsThem() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ANSWERS.put("/api/notifications/overview", overview(now, now.minusSeconds(60)));
    assertThat(body(as("VIEWER").get().uri("/").exchange())).doesNotContain("집계가 멈췄거나");

    Instant stale = now.minus(10, ChronoUnit.MINUTES);
    ANSWERS.put("/api/notifications/overview", overview(stale, stale.minusSeconds(60)));
    assertThat(body(as("VIEWER").get().uri("/").exchange()))
        .contains("집계가 멈췄거나 늦어지고 있습니다", "counting the overview failed");
  }

  @Test
  void englishIsOneParameterAwayAndRemembered() {
    Instant now = Instant.now();
    ANSWERS.put("/api/notifications/overview", overview(now, now.minusSeconds(60)));

    var answer = as("VIEWER").get().uri("/?lang=en").exchange();
    answer.expectHeader().value("Set-Cookie", c -> assertThat(c).contains("parcelbell-lang=en"));
    String page = body(answer);
    assertThat(page)
        .contains("Dashboard", "Not delivered", "No permission to send", "lang=\"en\"")
        .doesNotContain("대시보드", "Delivery reports stopped arriving");
  }

  @Test
  void theListAsksTheApiWithTheFiltersAndShowsMaskedPhones() throws InterruptedException {
    ANSWERS.put(
        "/api/notifications",
        """
        {"items":[{"id":"cj:123:DELIVERED","courierCode":"cj","trackingNumber":"123",
          "shipmentStatus":"DELIVERED","orderId":"ORD-1","recipient":"010-****-5678",
          "state":"DEAD_LETTER","reason":"23000","attempts":[],
          "createdAt":"2026-12-01T01:00:00Z","updatedAt":"2026-12-01T01:05:00Z"}],
         "nextCursor":"abc"}
        """);

    String page =
        body(
            as("VIEWER")
                .get()
                .uri("/notifications?trackingNumber=123&state=DEAD_LETTER")
                .exchange());

    assertThat(page)
        .contains("010-****-5678", "ORD-1", "전달 실패", "배송 완료", "2026-12-01 10:00:00 KST")
        .contains("cursor=abc")
        .contains("<label for=\"trackingNumber\">");
    RecordedRequest asked = REPORT.takeRequest(1, TimeUnit.SECONDS);
    // With no filter at all (the menu's link), and with a state the console does not know.
    body(as("VIEWER").get().uri("/notifications").exchange());
    body(as("VIEWER").get().uri("/notifications?state=NOPE").exchange());
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/notifications?limit=20");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/notifications?limit=20");
    assertThat(asked.getPath())
        .startsWith("/api/notifications?")
        .contains("trackingNumber=123", "state=DEAD_LETTER", "limit=20")
        .doesNotContain("orderId");
  }

  @Test
  void searchingByPhoneChannelParcelStatusAndKoreanDaysAsksTheApiWithInstants()
      throws InterruptedException {
    ANSWERS.put(
        "/api/notifications",
        """
        {"items":[],"nextCursor":"c2"}
        """);

    String page =
        body(
            as("VIEWER")
                .get()
                .uri(
                    "/notifications?phoneLast4=5678&channel=SMS&shipmentStatus=DELIVERED"
                        + "&from=2026-12-01&to=2026-12-02")
                .exchange());

    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .contains(
            "phoneLast4=5678",
            "channel=SMS",
            "shipmentStatus=DELIVERED",
            // 1 December 00:00 in Seoul; the whole of 2 December included.
            "since=2026-12-01T00%3A00%2B09%3A00",
            "until=2026-12-03T00%3A00%2B09%3A00");
    // The next page keeps every filter.
    assertThat(page)
        .contains(
            "/notifications?phoneLast4=5678&amp;channel=SMS&amp;shipmentStatus=DELIVERED"
                + "&amp;from=2026-12-01&amp;to=2026-12-02&amp;cursor=c2")
        .contains("<label for=\"phoneLast4\">", "<label for=\"from\">", "<label for=\"to\">");
  }

  @Test
  void aSearchThatCannotBeRunSaysWhyBesideTheFieldAndAsksNothing() throws InterruptedException {
    String page =
        body(
            as("VIEWER")
                .get()
                .uri("/notifications?phoneLast4=56a&from=2026-12-05&to=2026-12-01")
                .exchange());

    assertThat(page)
        .contains("id=\"phoneLast4-error\"", "숫자 네 자리로 입력해 주세요")
        .contains("aria-describedby=\"phoneLast4-error\"", "aria-invalid=\"true\"")
        .contains("id=\"to-error\"", "종료일이 시작일보다 앞설 수 없습니다");
    assertThat(REPORT.takeRequest(200, TimeUnit.MILLISECONDS)).isNull();

    // Typed into the form under htmx: the form comes back with the reasons, not only the list.
    String fragment =
        body(
            as("VIEWER")
                .get()
                .uri("/notifications?phoneLast4=12")
                .header("HX-Request", "true")
                .exchange());
    assertThat(fragment).startsWith("<div id=\"search\">").contains("phoneLast4-error");
  }

  @Test
  void oneNotificationTellsItsStoryWithTheFallbackAndTheCodesInPlainWords() {
    ANSWERS.put(
        "/api/notifications/cj:123:DELIVERED",
        """
        {"id":"cj:123:DELIVERED","courierCode":"cj","trackingNumber":"123",
         "shipmentStatus":"DELIVERED","orderId":"ORD-1","recipient":"010-****-5678",
         "state":"SENT","reason":null,
         "attempts":[
          {"channel":"ALIMTALK","msgKey":"mk-1","state":"FAILED","reportCode":"64016",
           "reportText":"not a kakao user","requestedAt":"2026-12-01T01:00:01Z","reportedAt":"2026-12-01T01:00:05Z"},
          {"channel":"SMS","msgKey":"mk-2","state":"DELIVERED","reportCode":"10000",
           "reportText":"ok","requestedAt":"2026-12-01T01:00:06Z","reportedAt":"2026-12-01T01:00:09Z"}],
         "createdAt":"2026-12-01T01:00:00Z","updatedAt":"2026-12-01T01:00:09Z"}
        """);

    String page = body(as("VIEWER").get().uri("/notifications/cj:123:DELIVERED").exchange());

    assertThat(page)
        .contains("알림톡 결과: 실패", "64016", "카카오톡 사용자가 아닙니다")
        .contains("SMS(으)로 대체 발송합니다.", "SMS 결과: 전달됨", "전달 완료")
        .contains("2026-12-01 10:00:05 KST");
    assertThat(page.indexOf("64016")).isLessThan(page.indexOf("대체 발송"));
  }

  @Test
  void aHoldForQuietHoursSaysUntilWhenAndAReplacementLinksToTheNewerNotification() {
    ANSWERS.put(
        "/api/notifications/cj:124:IN_TRANSIT",
        """
        {"id":"cj:124:IN_TRANSIT","courierCode":"cj","trackingNumber":"124",
         "shipmentStatus":"IN_TRANSIT","orderId":"ORD-2","recipient":"010-****-5678",
         "state":"SUPERSEDED","reason":"superseded by cj:124:DELIVERED","attempts":[],
         "createdAt":"2026-12-01T13:30:00Z","updatedAt":"2026-12-01T20:00:00Z",
         "heldAt":"2026-12-01T13:30:00Z","heldUntil":"2026-12-01T23:00:00Z",
         "supersededBy":"cj:124:DELIVERED","supersededAt":"2026-12-01T20:00:00Z"}
        """);

    String page = body(as("VIEWER").get().uri("/notifications/cj:124:IN_TRANSIT").exchange());

    assertThat(page)
        .contains("야간 발송 제한 시간이라 2026-12-02 08:00:00 KST까지 보류합니다.")
        .contains("더 새로운 배송 상태의 알림으로 대체되었습니다")
        .contains("href=\"/notifications/cj:124:DELIVERED\"")
        .doesNotContain("superseded by");
  }

  @Test
  void aNotificationThatDoesNotExistIsA404AndARefusalIsSaidPlainly() {
    as("VIEWER").get().uri("/notifications/none").exchange().expectStatus().isNotFound();

    ANSWERS.put("/api/notifications/overview", "{\"code\":\"FORBIDDEN\"}");
    STATUS.put("/api/notifications/overview", 403);
    String page = body(as("VIEWER").get().uri("/").exchange(), 403);
    assertThat(page).contains("권한이 없습니다").doesNotContain("Exception");
  }

  @Test
  void theFiguresFragmentRefreshesInPlaceAndAnExpiredTokenLeadsBackToSignIn() {
    Instant now = Instant.now();
    ANSWERS.put("/api/notifications/overview", overview(now, now.minus(2, ChronoUnit.HOURS)));
    String fragment =
        body(as("VIEWER").get().uri("/dashboard/figures").header("HX-Request", "true").exchange());
    assertThat(fragment)
        .doesNotContain("<html", "hx-get=")
        .contains("hx-swap-oob=\"innerHTML\"", "전달 결과 보고가 들어오지 않고 있습니다");

    // The API no longer takes the token: the page is loaded again (which asks the provider).
    STATUS.put("/api/notifications/overview", 401);
    as("VIEWER")
        .get()
        .uri("/?x=1")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .valueEquals("Location", "/?x=1");
    as("VIEWER")
        .get()
        .uri("/dashboard/figures")
        .header("HX-Request", "true")
        .header("HX-Current-URL", "http://localhost:8085/")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .valueEquals("HX-Redirect", "/");

    // Any other failure under htmx: words in the status region, the page left as it is.
    STATUS.put("/api/notifications/overview", 500);
    var failed =
        as("VIEWER").get().uri("/dashboard/figures").header("HX-Request", "true").exchange();
    failed.expectHeader().valueEquals("HX-Retarget", "#api-status");
    assertThat(body(failed)).contains("응답하지 않았습니다").doesNotContain("<html");
  }

  @Test
  void signingOutIsAFormWithItsCsrfToken() {
    Instant now = Instant.now();
    ANSWERS.put("/api/notifications/overview", overview(now, now));
    assertThat(body(as("VIEWER").get().uri("/").exchange()))
        .containsPattern("action=\"/logout\"[^>]*>\\s*<input type=\"hidden\" name=\"_csrf\"");
  }

  @Test
  void anOperatorResendsADeadLetterThroughTheApiAndAViewerIsNotOfferedTo()
      throws InterruptedException {
    ANSWERS.put("/api/notifications/cj:9:DELIVERED", deadLetter("cj:9:DELIVERED", "23000"));
    ANSWERS.put("/api/notifications/cj:3060:DELIVERED", deadLetter("cj:3060:DELIVERED", "A306"));

    assertThat(body(as("OPERATOR").get().uri("/notifications/cj:9:DELIVERED").exchange()))
        .contains("hx-post=\"/notifications/cj:9:DELIVERED/resend\"", "name=\"_csrf\"");
    assertThat(body(as("VIEWER").get().uri("/notifications/cj:9:DELIVERED").exchange()))
        .doesNotContain("hx-post=")
        .contains("운영자(OPERATOR) 권한");
    assertThat(body(as("OPERATOR").get().uri("/notifications/cj:3060:DELIVERED").exchange()))
        .doesNotContain("hx-post=")
        .contains("같은 번호로 다시 보내도");
    while (REPORT.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // the page loads above
    }

    as("OPERATOR")
        .post()
        .uri("/notifications/cj:9:DELIVERED/resend")
        .header("HX-Request", "true")
        .exchange()
        .expectStatus()
        .isForbidden(); // no CSRF token
    ANSWERS.put(
        "/api/notifications/cj:9:DELIVERED/resend",
        "{\"notificationId\":\"cj:9:DELIVERED\",\"status\":\"REQUESTED\",\"commandId\":\"c1\"}");
    String answer =
        body(
            as("OPERATOR")
                .mutateWith(
                    org.springframework.security.test.web.reactive.server
                        .SecurityMockServerConfigurers.csrf())
                .post()
                .uri("/notifications/cj:9:DELIVERED/resend")
                .header("HX-Request", "true")
                .exchange());
    assertThat(answer).contains("다시 보내기를 요청했습니다").doesNotContain("<html");
    // The timeline comes along out of band and polls, so the new attempts show as they settle.
    assertThat(answer)
        .contains("id=\"live\"", "hx-swap-oob=\"true\"", "hx-trigger=\"every 5s [")
        .contains("/notifications/cj:9:DELIVERED/live?polls=23");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath()).endsWith("/resend");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/notifications/cj%3A9%3ADELIVERED");
    // The last poll stops polling for a settled notification; a full page of it does not poll.
    assertThat(
            body(as("OPERATOR").get().uri("/notifications/cj:9:DELIVERED/live?polls=1").exchange()))
        .startsWith("<div id=\"live\"")
        .contains("live?polls=0");
    assertThat(
            body(as("OPERATOR").get().uri("/notifications/cj:9:DELIVERED/live?polls=0").exchange()))
        .doesNotContain("hx-trigger");
    assertThat(body(as("OPERATOR").get().uri("/notifications/cj:9:DELIVERED").exchange()))
        .doesNotContain("every 5s");
    ANSWERS.put(
        "/api/notifications/cj:8:DELIVERED",
        deadLetter("cj:8:DELIVERED", "23000").replace("DEAD_LETTER", "PENDING"));
    // Pending: polled while it settles, at most 60 times, only while the tab is looked at.
    assertThat(body(as("VIEWER").get().uri("/notifications/cj:8:DELIVERED").exchange()))
        .contains("/notifications/cj:8:DELIVERED/live?polls=59")
        .contains("hx-trigger=\"every 5s [document.visibilityState===&#39;visible&#39;]\"");
    // Gone from the history (retention) while the page was open: the polling stops there.
    assertThat(
            body(as("VIEWER").get().uri("/notifications/cj:7:DELIVERED/live?polls=5").exchange()))
        .contains("id=\"live\"", "보관 기간이 지나")
        .doesNotContain("hx-get");
    while (REPORT.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // the fragments above
    }
    // Without JavaScript the form posts and comes back to the page.
    as("OPERATOR")
        .mutateWith(
            org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers
                .csrf())
        .post()
        .uri("/notifications/cj:9:DELIVERED/resend")
        .exchange()
        .expectStatus()
        .is3xxRedirection()
        .expectHeader()
        .valueEquals("Location", "/notifications/cj:9:DELIVERED");
    RecordedRequest asked = REPORT.takeRequest(1, TimeUnit.SECONDS);
    assertThat(asked.getMethod()).isEqualTo("POST");
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer access-token");
  }

  private static String deadLetter(String id, String lastCode) {
    return """
        {"id":"%s","courierCode":"cj","trackingNumber":"9","shipmentStatus":"DELIVERED",
         "orderId":"ORD-9","recipient":"010-****-9999","state":"DEAD_LETTER","reason":"every channel failed",
         "attempts":[{"channel":"SMS","msgKey":"mk-9","state":"FAILED","reportCode":"%s",
           "reportText":"x","requestedAt":"2026-12-01T01:00:01Z","reportedAt":"2026-12-01T01:00:05Z"}],
         "createdAt":"2026-12-01T01:00:00Z","updatedAt":"2026-12-01T01:00:09Z"}
        """
        .formatted(id, lastCode);
  }

  @Test
  void theAuditLogListsWhoChangedWhatWithTheFiltersPassedOn() throws InterruptedException {
    ANSWERS.put(
        "/api/audit",
        """
        {"items":[{"auditId":"a1","occurredAt":"2026-12-01T01:00:00Z","service":"report-service",
          "action":"notification.resend","actor":{"subject":"op-1","name":"Kim Operator","clientId":null},
          "target":{"type":"notification","id":"cj:9:DELIVERED"},"requestId":"r1",
          "details":{"reason":"23000"}}],"nextCursor":null}
        """);

    String page = body(as("VIEWER").get().uri("/audit?action=notification.resend").exchange());

    assertThat(page)
        .contains("감사 기록", "Kim Operator", "notification.resend", "cj:9:DELIVERED")
        .contains("2026-12-01 10:00:00 KST", "reason=23000", "<label for=\"actor\">");
    assertThat(REPORT.takeRequest(1, TimeUnit.SECONDS).getPath())
        .isEqualTo("/api/audit?action=notification.resend&limit=20");
  }

  @Test
  void anOperatorExportsTheFilteredListAsTheApiWritesIt() throws InterruptedException {
    ANSWERS.put("/api/notifications", "{\"items\":[],\"nextCursor\":null}");
    assertThat(body(as("OPERATOR").get().uri("/notifications?state=DEAD_LETTER").exchange()))
        .containsPattern("href=\"/notifications/export\\?[^\"]*state=DEAD_LETTER\"");
    assertThat(body(as("VIEWER").get().uri("/notifications").exchange()))
        .doesNotContain("/notifications/export");
    while (REPORT.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // the list pages above
    }

    String csv = "\uFEFFid,state\ncj:9:DELIVERED,DEAD_LETTER\n";
    ANSWERS.put("/api/notifications/export", csv);
    CONTENT_TYPES.put("/api/notifications/export", "text/csv;charset=UTF-8");
    var answer = as("OPERATOR").get().uri("/notifications/export?state=DEAD_LETTER").exchange();
    answer
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType("text/csv;charset=UTF-8")
        .expectHeader()
        .valueEquals(
            "Content-Disposition", "attachment; filename=\"parcelbell-notifications.csv\"");
    byte[] bytes = answer.expectBody().returnResult().getResponseBody();
    assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(csv);
    RecordedRequest asked = REPORT.takeRequest(1, TimeUnit.SECONDS);
    assertThat(asked.getPath()).isEqualTo("/api/notifications/export?state=DEAD_LETTER");
    assertThat(asked.getHeader("Authorization")).isEqualTo("Bearer access-token");
  }

  @Test
  void theDictionaryPageListsEveryCodeWithWhetherAResendHelps() {
    String page = body(as("VIEWER").get().uri("/codes").exchange());
    assertThat(page)
        .contains("64008", "64016", "22000", "23000", "A306", "EXPIRED", "INVALID_RECIPIENT")
        .contains("<th scope=\"col\">다시 보내면 도움이 되나요</th>");
  }

  private static String overview(Instant at, Instant lastReport) {
    return """
        {"at":"%s",
         "last24Hours":{"window":"PT24H","since":"%s","counts":{"HELD":0,"PENDING":2,"SENT":30,"DEAD_LETTER":10,"SUPERSEDED":1},"total":43,"failureRate":0.25},
         "last7Days":{"window":"P7D","since":"%s","counts":{"HELD":0,"PENDING":2,"SENT":300,"DEAD_LETTER":12,"SUPERSEDED":3},"total":317,"failureRate":0.04},
         "days":[{"day":"2026-11-25","sent":10,"deadLetter":0,"failureRate":0.0},
                 {"day":"2026-11-26","sent":30,"deadLetter":10,"failureRate":0.25}],
         "oldestPendingSince":"%s",
         "lastReportAt":"%s",
         "topFailureCodes":[{"code":"64008","count":9},{"code":"99999","count":1}]}
        """
        .formatted(
            at,
            at.minusSeconds(86400),
            at.minusSeconds(7 * 86400),
            at.minus(2, ChronoUnit.HOURS), // the oldest send still waiting for its report
            lastReport);
  }
}
