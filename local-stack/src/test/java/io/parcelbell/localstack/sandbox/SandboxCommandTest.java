package io.parcelbell.localstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class SandboxCommandTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void defaultsListenOnEveryInterfaceOnTheSharedPortAndReportToLocalReportService() {
    SandboxConfig config = SandboxCommand.parse(List.of());

    assertThat(config.port()).isEqualTo(8090);
    assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(config.reportUrl())
        .isEqualTo(URI.create("http://localhost:8083/webhook/bizgo/report"));
    assertThat(config.apiKey()).isEqualTo("local-bizgo-api-key");
    assertThat(config.reportDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.reportRetries()).isEqualTo(3);
  }

  @Test
  void everyOptionIsTaken() {
    SandboxConfig config =
        SandboxCommand.parse(
            List.of(
                "--sandbox-port=18090",
                "--bind-address=127.0.0.1",
                "--report-url=http://report-service:8083/webhook/bizgo/report",
                "--sandbox-api-key=compose-key"));

    assertThat(config.port()).isEqualTo(18090);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.reportUrl())
        .isEqualTo(URI.create("http://report-service:8083/webhook/bizgo/report"));
    assertThat(config.apiKey()).isEqualTo("compose-key");
  }

  @Test
  void theStackKeepsItsSandboxOnLocalhost() {
    assertThat(SandboxConfig.defaults(8090, URI.create("http://localhost:8083/x")).bindAddress())
        .isEqualTo("localhost");
  }

  @Test
  void badOptionsAreRejected() {
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--kafka-port=9092")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown option --kafka-port=9092");
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--help")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--sandbox-port=http")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--sandbox-port=70000")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--report-url=report-service:8083")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SandboxCommand.parse(List.of("--sandbox-api-key=")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theStartedSandboxChecksTheConfiguredKeyAndPostsReportsToTheConfiguredUrl() throws Exception {
    try (ReportReceiver receiver = new ReportReceiver();
        BizgoSandbox sandbox =
            SandboxCommand.start(
                List.of(
                    "--sandbox-port=0",
                    "--report-url=" + receiver.url(),
                    "--sandbox-api-key=compose-key"),
                Clock.systemUTC())) {
      assertThat(send(sandbox, "local-bizgo-api-key").statusCode()).isEqualTo(401);

      HttpResponse<String> accepted = send(sandbox, "compose-key");
      assertThat(accepted.statusCode()).isEqualTo(200);
      String msgKey =
          MAPPER.readTree(accepted.body()).at("/data/data/destinations/0/msgKey").asString();
      assertThat(msgKey).isNotBlank();

      await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.receivedFor(msgKey).isEmpty());
      JsonNode report = receiver.receivedFor(msgKey).get(0);
      assertThat(report.path("ref").asString()).isEqualTo("cj:1:DELIVERED");
      assertThat(report.path("reportCode").asString()).isEqualTo("10000");
      assertThat(receiver.received()).hasSize(1);
    }
  }

  private HttpResponse<String> send(BizgoSandbox sandbox, String apiKey) throws Exception {
    String body =
        "{\"destinations\":[{\"to\":\"01012345678\",\"ref\":\"cj:1:DELIVERED\"}],"
            + "\"messageFlow\":[{\"sms\":{\"from\":\"15880000\",\"text\":\"hi\"}}]}";
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/api/comm/v1/send/omni"))
            .header("Content-Type", "application/json")
            .header("Authorization", apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
