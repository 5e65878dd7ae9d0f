package io.parcelbell.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.localstack.auth.LocalTokens;
import io.parcelbell.localstack.demo.DeliveryWebhook;
import io.parcelbell.localstack.dlt.DltReplay;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The whole product on one machine: the same code as {@code ./run-local} (real Kafka broker,
 * MongoDB-wire server, Bizgo sandbox, the three service jars as child JVMs) on free ports with a
 * throw-away data dir. The stack starts once for all scenarios, so each further one costs seconds,
 * not a restart; each uses its own tracking number. The sandbox picks the outcome by the phone's
 * last four digits (see {@code DeliveryOutcome}).
 *
 * <p>report-service runs with second-long sweep timeouts, so the "no report" path (inquiry, then
 * EXPIRED) finishes within the test, and with loopback as a trusted proxy, so a test can pose as a
 * disallowed address with X-Forwarded-For (the sandbox posts without it and stays allowed).
 */
class EndToEndTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Clock CLOCK = Clock.systemUTC();
  private static final AtomicInteger SCENARIO = new AtomicInteger();
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  static final Map<String, List<String>> REPORT_SERVICE_ARGS =
      Map.of(
          "report-service",
          List.of(
              "--parcelbell.report.pending-timeout=2s",
              "--parcelbell.report.expire-after=4s",
              "--parcelbell.report.sweep-interval=1s",
              // The dashboard's figures every second: a PENDING send lives only seconds here.
              "--parcelbell.report.overview.count-interval=1s",
              "--parcelbell.report.bizgo.trusted-proxies=127.0.0.1/32,::1/128"));

  @TempDir static Path data;
  private static StackOptions options;
  private static Stack stack;
  private static E2eKafka kafka;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startStack() {
    options =
        StackOptions.parse(
                List.of(
                    "--repo-dir=..",
                    "--data-dir=" + data,
                    "--kafka-port=" + FreePorts.next(),
                    "--kafka-controller-port=" + FreePorts.next(),
                    "--mongo-port=" + FreePorts.next(),
                    "--sandbox-port=" + FreePorts.next(),
                    "--ingest-port=" + FreePorts.next(),
                    "--notifier-port=" + FreePorts.next(),
                    "--report-port=" + FreePorts.next(),
                    "--flow-port=" + FreePorts.next(),
                    "--console-port=" + FreePorts.next(),
                    "--auth-port=" + FreePorts.next(),
                    // Three Spring Boot JVMs starting at once on 2 shared cores: generous on
                    // purpose.
                    "--readiness-timeout=PT3M",
                    "--echo-service-output=false"))
            .withExtraServiceArgs(REPORT_SERVICE_ARGS);
    stack = new Stack(options, CLOCK, System.out);
    stack.start();
    kafka = new E2eKafka(options.kafkaBootstrapServers());
  }

  @AfterAll
  static void stopStack() {
    if (kafka != null) {
      kafka.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aDeliveredWebhookEndsAsAnAlimtalkConfirmedByItsDeliveryReport() throws Exception {
    String trackingNumber = sendWebhook("01012345678");

    JsonNode notification = awaitState(trackingNumber, "SENT");
    assertThat(notification.path("id").asString()).isEqualTo("cj:" + trackingNumber + ":DELIVERED");
    assertThat(notification.path("recipient").asString()).isEqualTo("010-****-5678");
    assertThat(notification.path("attempts")).hasSize(1);
    JsonNode attempt = notification.path("attempts").get(0);
    assertThat(attempt.path("channel").asString()).isEqualTo("ALIMTALK");
    assertThat(attempt.path("state").asString()).isEqualTo("DELIVERED");
    assertThat(attempt.path("reportCode").asString()).isEqualTo("10000");
    assertThat(attempt.path("msgKey").asString()).isNotBlank();
  }

  /** The banner's token lines, run as printed: a VIEWER token from the provider, then the API. */
  @Test
  void theBannersTokenRequestGetsATokenFromTheProviderAndReadsTheHistory() throws Exception {
    Process bash =
        new ProcessBuilder("bash", "-c", "set -e; " + LocalStack.tokenRequest(options))
            .redirectErrorStream(true)
            .start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();
    assertThat(MAPPER.readTree(output).has("items")).as(output).isTrue();
  }

  /**
   * An operator signs in to the console as a browser would (the provider's login page, its CSRF
   * token, the redirects back with a code) and the dashboard shows the history's figures, read with
   * the operator's own token.
   */
  @Test
  void anOperatorSignsInToTheConsoleThroughTheProviderAndSeesTheDashboard() throws Exception {
    sendWebhook("01012345678");
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new java.net.CookieManager(null, java.net.CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    HttpResponse<String> login =
        browser.send(
            HttpRequest.newBuilder(URI.create(options.consoleUrl() + "/"))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.uri().toString()).startsWith(options.authUrl() + "/login");
    var csrf =
        java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"")
            .matcher(login.body());
    assertThat(csrf.find()).as(login.body()).isTrue();

    HttpResponse<String> dashboard =
        browser.send(
            HttpRequest.newBuilder(URI.create(options.authUrl() + "/login"))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=operator&password=operator-local&_csrf=" + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(dashboard.statusCode()).as(dashboard.body()).isEqualTo(200);
    assertThat(dashboard.uri().toString()).isEqualTo(options.consoleUrl() + "/");
    assertThat(dashboard.body())
        .contains("대시보드", "상태별 알림 수", "Local Operator", "hx-get=\"/dashboard/figures\"");
    HttpResponse<String> codes =
        browser.send(
            HttpRequest.newBuilder(URI.create(options.consoleUrl() + "/codes?lang=en"))
                .header("Accept", "text/html")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(codes.body()).contains("Failure codes", "64008");
  }

  @Test
  void theHistoryRefusesACallerWithoutAToken() throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(options.reportUrl() + "/api/notifications")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(401);
    assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(MAPPER.readTree(answer.body()).path("code").asString()).isEqualTo("UNAUTHORIZED");
  }

  @Test
  void aNonKakaoTalkUserGetsTheSmsFallbackAndEndsSent() throws Exception {
    String trackingNumber = sendWebhook("01012344016");

    JsonNode notification = awaitState(trackingNumber, "SENT");
    JsonNode attempts = notification.path("attempts");
    assertThat(attempts).hasSize(2);
    assertAttempt(attempts.get(0), "ALIMTALK", "FAILED", "64016");
    assertAttempt(attempts.get(1), "SMS|LMS", "DELIVERED", "10000");
    assertThat(attempts.get(0).path("reportText").asString()).isNotBlank();
  }

  @Test
  void whenEveryChannelFailsTheNotificationIsADeadLetterWithReasons() throws Exception {
    String trackingNumber = sendWebhook("01012349999");

    JsonNode notification = awaitState(trackingNumber, "DEAD_LETTER");
    JsonNode attempts = notification.path("attempts");
    assertThat(attempts).hasSize(2);
    assertAttempt(attempts.get(0), "ALIMTALK", "FAILED", "64016");
    assertAttempt(attempts.get(1), "SMS|LMS", "FAILED", "23000");
    assertThat(attempts.get(0).path("reportText").asString()).isNotBlank();
    assertThat(attempts.get(1).path("reportText").asString()).contains("handset unreachable");
    assertThat(notification.path("reason").asString()).contains("handset unreachable");

    // An operator exports it (masked) and the export is in the audit log, with who did it.
    HttpResponse<String> csv =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        options.reportUrl()
                            + "/api/notifications/export?trackingNumber="
                            + trackingNumber))
                .header("Authorization", LocalTokens.operatorBearer(options))
                .header("X-Request-Id", "e2e-export-" + trackingNumber)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
    assertThat(csv.body()).contains(trackingNumber, "010-****-9999").doesNotContain("01012349999");
    HttpResponse<String> audit =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(options.reportUrl() + "/api/audit?actor=parcelbell-ops&limit=100"))
                .header("Authorization", LocalTokens.viewerBearer(options))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(audit.body()).path("items").valueStream())
        .anySatisfy(
            item -> {
              assertThat(item.path("action").asString()).isEqualTo("notification.export");
              assertThat(item.path("requestId").asString())
                  .isEqualTo("e2e-export-" + trackingNumber);
              assertThat(item.path("details").path("trackingNumber").asString())
                  .isEqualTo(trackingNumber);
            });

    // The operator resends it: the notifier sends it again with new attempts (the sandbox fails
    // this number on every channel, so it ends DEAD_LETTER again, now with four attempts).
    String id = notification.path("id").asString();
    HttpResponse<String> resend =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(options.reportUrl() + "/api/notifications/" + id + "/resend"))
                .header("Authorization", LocalTokens.operatorBearer(options))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(resend.statusCode()).as(resend.body()).isEqualTo(202);
    assertThat(MAPPER.readTree(resend.body()).path("status").asString()).isEqualTo("REQUESTED");
    JsonNode resent =
        awaitItem(
            trackingNumber,
            "resent and dead-lettered again",
            item ->
                "DEAD_LETTER".equals(item.path("state").asString())
                    && item.path("attempts").size() == 4);
    assertAttempt(resent.path("attempts").get(2), "ALIMTALK", "FAILED", "64016");
    assertAttempt(resent.path("attempts").get(3), "SMS|LMS", "FAILED", "23000");
  }

  /**
   * {@code ./run-local flow-demo} as printed in the README: a dead letter fires the flow, whose
   * signed POST reaches the sandbox's receiver and verifies with the Standard Webhooks library.
   */
  @Test
  void aDeadLetterFiresAFlowWhoseSignedPostTheReceiverVerifies() throws Exception {
    var printed = new java.io.ByteArrayOutputStream();
    int exit =
        new io.parcelbell.localstack.demo.FlowDemo(
                options, CLOCK, new java.io.PrintStream(printed, true, StandardCharsets.UTF_8))
            .run();

    String output = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(output).isZero();
    assertThat(output)
        .contains("received and verified")
        .contains("010-****-9999")
        .doesNotContain("01012349999");
  }

  @Test
  void withoutAnyReportBothChannelsExpireAfterTheInquiryAndItIsADeadLetter() throws Exception {
    String trackingNumber = sendWebhook("01012340000");

    JsonNode notification = awaitState(trackingNumber, "DEAD_LETTER");
    JsonNode attempts = notification.path("attempts");
    assertThat(attempts).hasSize(2);
    assertAttempt(attempts.get(0), "ALIMTALK", "EXPIRED", null);
    assertAttempt(attempts.get(1), "SMS|LMS", "EXPIRED", null);
    assertThat(notification.path("reason").asString()).startsWith("no delivery report within");
  }

  @Test
  void aReportThatArrivesBeforeItsDispatchEventIsAppliedWhenTheEventComes() throws Exception {
    String trackingNumber = nextTrackingNumber();
    var dispatched = dispatched(trackingNumber, Channel.ALIMTALK, false);

    HttpResponse<String> ack = postReport(report(dispatched, "10000", "성공"), null);
    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(ack.body()).path("msgKey").asString())
        .isEqualTo(dispatched.msgKey());
    kafka.publishLifecycle(dispatched);

    JsonNode notification = awaitState(trackingNumber, "SENT");
    assertThat(notification.path("attempts")).hasSize(1);
    assertAttempt(notification.path("attempts").get(0), "ALIMTALK", "DELIVERED", "10000");
    assertThat(notification.path("attempts").get(0).path("msgKey").asString())
        .isEqualTo(dispatched.msgKey());
  }

  @Test
  void theSameReportThreeTimesSettlesOnce() throws Exception {
    String trackingNumber = nextTrackingNumber();
    // Requested "a minute from now": on a slow machine the stack's 4 s expire-after could
    // otherwise expire the attempt before the test's reports reach it.
    var dispatched =
        dispatched(trackingNumber, Channel.ALIMTALK, false, CLOCK.instant().plusSeconds(60));
    kafka.publishLifecycle(dispatched);
    awaitState(trackingNumber, "PENDING");

    String report = report(dispatched, "10000", "성공");
    for (int i = 0; i < 3; i++) {
      assertThat(postReport(report, null).statusCode()).isEqualTo(200);
    }

    JsonNode notification = awaitState(trackingNumber, "SENT");
    assertThat(notification.path("attempts")).hasSize(1);
    String id = dispatched.notificationId();
    await().atMost(Duration.ofSeconds(60)).until(() -> kafka.settledFor(id).size() >= 2);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.settledFor(id).size() == 2);
    List<NotificationSettled> settled = kafka.settledFor(id);
    assertThat(settled)
        .filteredOn(s -> s.scope() == SettlementScope.ATTEMPT)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.msgKey()).isEqualTo(dispatched.msgKey());
              assertThat(s.attemptState()).isEqualTo(AttemptState.DELIVERED);
            });
    assertThat(settled).filteredOn(s -> s.scope() == SettlementScope.NOTIFICATION).hasSize(1);
  }

  @Test
  void aReportFromADisallowedAddressIsAnsweredButIgnored() throws Exception {
    String trackingNumber = nextTrackingNumber();
    var dispatched = dispatched(trackingNumber, Channel.SMS, true);
    kafka.publishLifecycle(dispatched);
    awaitState(trackingNumber, "PENDING");
    double refusedBefore = refusedReports();

    HttpResponse<String> ack = postReport(report(dispatched, "10000", "성공"), "203.0.113.7");

    assertThat(ack.statusCode()).isEqualTo(200);
    assertThat(MAPPER.readTree(ack.body()).path("msgKey").asString())
        .isEqualTo(dispatched.msgKey());
    assertThat(refusedReports()).isEqualTo(refusedBefore + 1);
    // Nobody else reports this msgKey, so the sweeper expires it in seconds: had the spoofed
    // report been applied, the attempt would be DELIVERED and the notification SENT instead.
    JsonNode notification = awaitState(trackingNumber, "DEAD_LETTER");
    assertThat(notification.path("attempts")).hasSize(1);
    assertAttempt(notification.path("attempts").get(0), "SMS", "EXPIRED", null);
  }

  @Test
  void aShipmentEventParkedOnTheDeadLetterTopicIsSentOnceTheReplayMovesItBack() throws Exception {
    String trackingNumber = nextTrackingNumber();
    var event =
        new ShipmentStatusChanged(
            UUID.randomUUID().toString(),
            "cj",
            trackingNumber,
            "DELIVERED",
            true,
            "ORD-E2E-" + trackingNumber,
            "배송완료",
            "서울 강남",
            new ShipmentMetadata(
                "ORD-E2E-" + trackingNumber, "01012345678", "홍길동", "제주 감귤 5kg", "CJ대한통운"),
            CLOCK.instant());
    String deadLetterTopic = Topics.deadLetterTopicOf(Topics.SHIPMENT_STATUS);
    // As an earlier release parked it after MongoDB refused connections for minutes.
    kafka.park(
        deadLetterTopic, event, "MongoTimeoutException: Timed out while waiting for a server");

    var client = new java.util.Properties();
    client.put("bootstrap.servers", options.kafkaBootstrapServers());
    DltReplay.Result dryRun = new DltReplay(client).run(deadLetterTopic, true);
    assertThat(dryRun.records()).isPositive();
    assertThat(dryRun.reasons())
        .containsKey("MongoTimeoutException: Timed out while waiting for a server");
    DltReplay.Result applied = new DltReplay(client).run(deadLetterTopic, false);
    assertThat(applied.records()).isEqualTo(dryRun.records());

    JsonNode notification = awaitState(trackingNumber, "SENT");
    assertThat(notification.path("attempts")).hasSize(1);
    assertAttempt(notification.path("attempts").get(0), "ALIMTALK", "DELIVERED", "10000");
  }

  // --- the stack's inputs -----------------------------------------------------------------------

  private static String nextTrackingNumber() {
    return String.format(
        "7%09d%02d", CLOCK.millis() % 1_000_000_000L, SCENARIO.incrementAndGet() % 100);
  }

  /** A signed DELIVERED webhook into ingest for a fresh parcel; returns its tracking number. */
  /** The console in a real browser, against this stack (started once for both). */
  @org.junit.jupiter.api.Nested
  class InTheBrowser extends ConsoleInTheBrowser {

    @Override
    StackOptions options() {
      return options;
    }

    @Override
    String sendWebhook(String phone) throws Exception {
      return EndToEndTest.this.sendWebhook(phone);
    }

    @Override
    void awaitState(String trackingNumber, String state) {
      EndToEndTest.this.awaitState(trackingNumber, state);
    }
  }

  private String sendWebhook(String phone) throws Exception {
    String trackingNumber = nextTrackingNumber();
    byte[] body = DeliveryWebhook.body(trackingNumber, phone).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> accepted =
        http.send(
            DeliveryWebhook.request(options.ingestUrl(), options.webhookSecret(), body, CLOCK),
            HttpResponse.BodyHandlers.ofString());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(MAPPER.readTree(accepted.body()).path("accepted").asInt()).isEqualTo(1);
    return trackingNumber;
  }

  /** What the notifier would publish for an accepted attempt, with a msgKey of our making. */
  private static NotificationDispatched dispatched(
      String trackingNumber, Channel channel, boolean finalChannel) {
    return dispatched(trackingNumber, channel, finalChannel, CLOCK.instant());
  }

  private static NotificationDispatched dispatched(
      String trackingNumber, Channel channel, boolean finalChannel, Instant requestedAt) {
    String id = "cj:" + trackingNumber + ":DELIVERED";
    return new NotificationDispatched(
        EventIds.of(id, "e2e-dispatched", channel.name()),
        id,
        "cj",
        trackingNumber,
        "DELIVERED",
        "ORD-E2E-" + trackingNumber,
        "010-****-5678",
        channel,
        1,
        "E2E-" + trackingNumber + "-" + channel,
        id + ":1",
        finalChannel,
        requestedAt);
  }

  /** A Bizgo delivery report in DESIGN.md's shape for that attempt. */
  private static String report(NotificationDispatched attempt, String code, String text) {
    return MAPPER
        .createObjectNode()
        .put("msgKey", attempt.msgKey())
        .put("serviceType", attempt.channel().name())
        .put("msgType", attempt.channel() == Channel.ALIMTALK ? "AT" : attempt.channel().name())
        .put("sendTime", "2026-04-24T10:42:34.546+09:00")
        .put("reportTime", "2026-04-24T10:42:36.120+09:00")
        .put("reportType", "RS")
        .put("reportCode", code)
        .put("reportText", text)
        .put("carrier", "")
        .put("ref", attempt.notificationId())
        .toString();
  }

  private HttpResponse<String> postReport(String body, String forwardedFor) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create(options.reportUrl() + "/webhook/bizgo/report"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (forwardedFor != null) {
      request.header("X-Forwarded-For", forwardedFor);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // --- the stack's outputs ----------------------------------------------------------------------

  private static void assertAttempt(JsonNode attempt, String channels, String state, String code) {
    assertThat(attempt.path("channel").asString()).as(attempt.toString()).matches(channels);
    assertThat(attempt.path("state").asString()).as(attempt.toString()).isEqualTo(state);
    if (code == null) {
      assertThat(attempt.path("reportCode").isNull() || attempt.path("reportCode").isMissingNode())
          .as(attempt.toString())
          .isTrue();
    } else {
      assertThat(attempt.path("reportCode").asString()).as(attempt.toString()).isEqualTo(code);
    }
  }

  /** The parcel's notification once it is in {@code state}; fails with the services' logs. */
  private JsonNode awaitState(String trackingNumber, String state) {
    return awaitItem(trackingNumber, state, item -> state.equals(item.path("state").asString()));
  }

  private JsonNode awaitItem(String trackingNumber, String state, Predicate<JsonNode> reached) {
    URI history =
        URI.create(options.reportUrl() + "/api/notifications?trackingNumber=" + trackingNumber);
    try {
      return await()
          .atMost(SETTLE_TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(() -> firstItem(history), reached::test);
    } catch (ConditionTimeoutException e) {
      return fail(
          "not "
              + state
              + " in time; last history: "
              + safely(() -> firstItem(history))
              + "\n"
              + logTails(),
          e);
    }
  }

  private JsonNode firstItem(URI history) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            // A real token from the stack's auth-server: report-service checks it as it would
            // the company provider's.
            HttpRequest.newBuilder(history)
                .header("Authorization", LocalTokens.viewerBearer(options))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode items = MAPPER.readTree(response.body()).path("items");
    return items.isEmpty() ? MAPPER.createObjectNode() : items.get(0);
  }

  /** report-service's count of report requests refused for their source address. */
  private double refusedReports() throws Exception {
    HttpResponse<String> scrape =
        http.send(
            HttpRequest.newBuilder(URI.create(options.reportUrl() + "/actuator/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.statusCode()).isEqualTo(200);
    Matcher m =
        Pattern.compile(
                "^parcelbell_report_bizgo_requests_total\\{[^}]*outcome=\"UNKNOWN_SOURCE\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE)
            .matcher(scrape.body());
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String safely(Callable<?> call) {
    try {
      return String.valueOf(call.call());
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** The end of every service's log, so a red run says why without a second run. */
  private static String logTails() {
    try (Stream<Path> logs = Files.list(options.dataDir().resolve("logs"))) {
      return logs.sorted()
          .map(
              log -> {
                try {
                  List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                  return "--- "
                      + log.getFileName()
                      + "\n"
                      + String.join(
                          "\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .collect(Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no logs: " + e + ")";
    }
  }
}
