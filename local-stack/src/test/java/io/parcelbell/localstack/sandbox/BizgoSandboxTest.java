package io.parcelbell.localstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class BizgoSandboxTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String KEY = SandboxConfig.DEFAULT_API_KEY;
  private static final String TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\+09:00";

  private final HttpClient http = HttpClient.newHttpClient();
  private ReportReceiver receiver;
  private BizgoSandbox sandbox;

  @BeforeEach
  void start() throws Exception {
    receiver = new ReportReceiver();
    SandboxConfig config =
        new SandboxConfig(
            0, KEY, receiver.url(), Duration.ofMillis(100), 3, Duration.ofMillis(100));
    sandbox = BizgoSandbox.start(config, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  @Test
  void acceptsAnAlimtalkAndReportsItDelivered() throws Exception {
    HttpResponse<String> response =
        send(request("alimtalk", "01012345678", "cj:1:DELIVERED", null), KEY);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode answer = MAPPER.readTree(response.body());
    assertThat(answer.at("/common/authCode").asString()).isEqualTo("A000");
    assertThat(answer.at("/common/authResult").asString()).isEqualTo("Success");
    assertThat(answer.at("/data/code").asString()).isEqualTo("A000");
    assertThat(answer.at("/data/result").asString()).isEqualTo("Success");
    assertThat(answer.at("/data/ref").asString()).isEqualTo("request-ref");
    JsonNode destination = answer.at("/data/data/destinations/0");
    assertThat(destination.path("to").asString()).isEqualTo("01012345678");
    assertThat(destination.path("code").asString()).isEqualTo("A000");
    assertThat(destination.path("result").asString()).isEqualTo("Success");
    String msgKey = destination.path("msgKey").asString();
    assertThat(msgKey).isNotBlank();

    JsonNode report = awaitReport(msgKey);
    assertThat(report.path("serviceType").asString()).isEqualTo("ALIMTALK");
    assertThat(report.path("msgType").asString()).isEqualTo("AT");
    assertThat(report.path("reportType").asString()).isEqualTo("RS");
    assertThat(report.path("reportCode").asString()).isEqualTo("10000");
    assertThat(report.path("reportText").asString()).isEqualTo("성공");
    assertThat(report.path("ref").asString()).isEqualTo("cj:1:DELIVERED");
    assertThat(report.path("sendTime").asString()).matches(TIME);
    assertThat(report.path("reportTime").asString()).matches(TIME);
    assertThat(report.has("carrier")).isTrue();
  }

  @ParameterizedTest(name = "{0} to {1} -> {2}/{3} {4}")
  @CsvSource({
    "alimtalk, 01012344016, ALIMTALK, AT,  64016",
    "sms,      01012344016, SMS,      SMS, 10000",
    "mms,      01012344016, LMS,      LMS, 10000",
    "alimtalk, 01012349999, ALIMTALK, AT,  64016",
    "sms,      01012349999, SMS,      SMS, 23000",
    "mms,      01012349999, LMS,      LMS, 23000",
    "sms,      01012345678, SMS,      SMS, 10000",
    "mms,      01012345678, LMS,      LMS, 10000",
  })
  void theRecipientsLastFourDigitsChooseTheOutcome(
      String step, String to, String serviceType, String msgType, String reportCode)
      throws Exception {
    String msgKey = msgKeyOf(send(request(step, to, "cj:2:DELIVERED", null), KEY));

    JsonNode report = awaitReport(msgKey);
    assertThat(report.path("serviceType").asString()).isEqualTo(serviceType);
    assertThat(report.path("msgType").asString()).isEqualTo(msgType);
    assertThat(report.path("reportCode").asString()).isEqualTo(reportCode);
    assertThat(report.path("reportText").asString()).isNotBlank();
  }

  @Test
  void aRecipientEndingIn0000NeverGetsAReport() throws Exception {
    String msgKey = msgKeyOf(send(request("alimtalk", "01012340000", "cj:3:DELIVERED", null), KEY));

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.receivedFor(msgKey).isEmpty());
    assertThat(inquiry(msgKey).at("/data/code").asString()).isEqualTo("A404");
  }

  @Test
  void aWrongOrMissingApiKeyIsA401() throws Exception {
    HttpResponse<String> wrong =
        send(request("alimtalk", "01012345678", "cj:4:DELIVERED", null), "Bearer " + KEY);
    HttpResponse<String> missing =
        send(request("alimtalk", "01012345678", "cj:4:DELIVERED", null), null);

    for (HttpResponse<String> response : List.of(wrong, missing)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(MAPPER.readTree(response.body()).at("/common/authCode").asString())
          .isEqualTo("A401");
    }
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> receiver.received().isEmpty());
  }

  @Test
  void aReusedIdempotencyKeyIsA301WithTheSameMsgKeyAndNoSecondReport() throws Exception {
    String key = UUID.randomUUID().toString();
    String first = msgKeyOf(send(request("alimtalk", "01012345678", "cj:5:DELIVERED", key), KEY));

    HttpResponse<String> again =
        send(request("alimtalk", "01012345678", "cj:5:DELIVERED", key), KEY);

    assertThat(again.statusCode()).isEqualTo(200);
    JsonNode answer = MAPPER.readTree(again.body());
    assertThat(answer.at("/common/authCode").asString()).isEqualTo("A000");
    assertThat(answer.at("/data/code").asString()).isEqualTo("A301");
    assertThat(answer.at("/data/data/destinations/0/msgKey").asString()).isEqualTo(first);
    awaitReport(first);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(1))
        .until(() -> receiver.received().size() == 1);
  }

  @Test
  void inquiryAnswersA404UntilTheReportExistsThenTheReport() throws Exception {
    String msgKey = msgKeyOf(send(request("sms", "01012344016", "cj:6:DELIVERED", null), KEY));
    assertThat(inquiry(msgKey).at("/data/code").asString()).isEqualTo("A404");
    assertThat(inquiry(msgKey).at("/data/result").asString()).isEqualTo("report not found");

    awaitReport(msgKey);
    JsonNode found = inquiry(msgKey);
    assertThat(found.at("/common/authCode").asString()).isEqualTo("A000");
    assertThat(found.at("/data/code").asString()).isEqualTo("A000");
    assertThat(found.at("/data/data/msgKey").asString()).isEqualTo(msgKey);
    assertThat(found.at("/data/data/reportCode").asString()).isEqualTo("10000");
    assertThat(found.at("/data/data/ref").asString()).isEqualTo("cj:6:DELIVERED");
  }

  @Test
  void everyDestinationGetsItsOwnMsgKeyAndReportWithItsOwnRef() throws Exception {
    String body =
        """
        {"destinations":[{"to":"01011112222","ref":"cj:7:DELIVERED"},{"to":"01033334444","ref":"cj:8:DELIVERED"}],
         "messageFlow":[{"sms":{"from":"15880000","text":"hi"}}],"ref":"batch"}""";
    JsonNode destinations = MAPPER.readTree(send(body, KEY).body()).at("/data/data/destinations");

    String first = destinations.get(0).path("msgKey").asString();
    String second = destinations.get(1).path("msgKey").asString();
    assertThat(first).isNotEqualTo(second);
    assertThat(awaitReport(first).path("ref").asString()).isEqualTo("cj:7:DELIVERED");
    assertThat(awaitReport(second).path("ref").asString()).isEqualTo("cj:8:DELIVERED");
  }

  @Test
  void aFailedReportPostIsRetriedLikeBizgo() throws Exception {
    receiver.answerNext(500, 503);

    String msgKey = msgKeyOf(send(request("alimtalk", "01012345678", "cj:9:DELIVERED", null), KEY));

    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.receivedFor(msgKey).size() == 3);
    await()
        .during(Duration.ofMillis(800))
        .atMost(Duration.ofSeconds(2))
        .until(() -> receiver.receivedFor(msgKey).size() == 3);
  }

  @Test
  void aMalformedRequestIsA400WithACode() throws Exception {
    for (String body :
        List.of(
            "not json",
            "{\"messageFlow\":[{\"sms\":{\"text\":\"x\"}}]}",
            "{\"destinations\":[{\"to\":\"01012345678\"}],\"messageFlow\":[{\"fax\":{}}]}",
            "{\"destinations\":[{\"ref\":\"x\"}],\"messageFlow\":[{\"sms\":{\"text\":\"x\"}}]}")) {
      HttpResponse<String> response = send(body, KEY);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(MAPPER.readTree(response.body()).at("/data/code").asString())
          .as(body)
          .isEqualTo("A400");
    }
  }

  private static String request(String step, String to, String ref, String idempotencyKey) {
    String flow =
        switch (step) {
          case "alimtalk" ->
              "{\"alimtalk\":{\"senderKey\":\"local-sender-key\",\"msgType\":\"AT\",\"templateCode\":\"T1\",\"text\":\"hi\"}}";
          case "sms" -> "{\"sms\":{\"from\":\"15880000\",\"text\":\"hi\"}}";
          default -> "{\"mms\":{\"from\":\"15880000\",\"title\":\"t\",\"text\":\"hi\"}}";
        };
    String key =
        idempotencyKey == null
            ? ""
            : ",\"idempotencyKey\":\"" + idempotencyKey + "\",\"idempotencyTtl\":86400";
    return "{\"destinations\":[{\"to\":\""
        + to
        + "\",\"ref\":\""
        + ref
        + "\"}],\"messageFlow\":["
        + flow
        + "],\"ref\":\"request-ref\""
        + key
        + "}";
  }

  private HttpResponse<String> send(String body, String apiKey) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/comm/v1/send/omni"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (apiKey != null) {
      request.header("Authorization", apiKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode inquiry(String msgKey) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(sandbox.baseUrl() + "/api/comm/v1/report/inquiry/" + msgKey))
            .header("Authorization", KEY)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return MAPPER.readTree(response.body());
  }

  private static String msgKeyOf(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).isEqualTo(200);
    return MAPPER.readTree(response.body()).at("/data/data/destinations/0/msgKey").asString();
  }

  private JsonNode awaitReport(String msgKey) {
    await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.receivedFor(msgKey).isEmpty());
    return receiver.receivedFor(msgKey).get(0);
  }
}
