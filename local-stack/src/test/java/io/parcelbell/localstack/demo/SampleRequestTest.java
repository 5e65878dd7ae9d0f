package io.parcelbell.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.parcelbell.localstack.StackOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the printed bash snippet for real (bash, openssl, curl) against a stand-in for ingest and
 * report.
 */
class SampleRequestTest {

  private final Map<String, Object> seen = new ConcurrentHashMap<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/api/webhook/delivery",
        exchange -> {
          seen.put("timestamp", exchange.getRequestHeaders().getFirst("X-Webhook-Timestamp"));
          seen.put("signature", exchange.getRequestHeaders().getFirst("X-Webhook-Signature"));
          seen.put("body", exchange.getRequestBody().readAllBytes());
          answer(exchange, "{\"received\":true,\"accepted\":1}");
        });
    server.createContext(
        "/oauth2/token",
        exchange -> {
          seen.put("tokenAuth", exchange.getRequestHeaders().getFirst("Authorization"));
          seen.put("tokenForm", new String(exchange.getRequestBody().readAllBytes()));
          answer(exchange, "{\"access_token\":\"eyJ.t0k-en_\",\"token_type\":\"Bearer\"}");
        });
    server.createContext(
        "/api/notifications",
        exchange -> {
          seen.put("query", exchange.getRequestURI().getQuery());
          seen.put("historyAuth", exchange.getRequestHeaders().getFirst("Authorization"));
          answer(exchange, "{\"items\":[],\"nextCursor\":null}");
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theSnippetSendsAFreshlySignedWebhookAndQueriesItsTrackingNumber() throws Exception {
    String port = String.valueOf(server.getAddress().getPort());
    StackOptions options =
        StackOptions.parse(
            List.of("--ingest-port=" + port, "--report-port=" + port, "--auth-port=" + port));

    Process bash =
        new ProcessBuilder("bash", "-c", SampleRequest.render(options))
            .redirectErrorStream(true)
            .start();
    String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(output).isZero();

    byte[] body = (byte[]) seen.get("body");
    long timestamp = Long.parseLong((String) seen.get("timestamp"));
    assertThat(timestamp)
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
    assertThat(seen.get("signature"))
        .isEqualTo(WebhookSignature.sign("local-deliveryapi-secret", timestamp, body));
    JsonNode webhook = new ObjectMapper().readTree(body);
    String trackingNumber = webhook.at("/items/0/trackingNumber").asString();
    assertThat(trackingNumber).matches("\\d{12}");
    assertThat(webhook.at("/items/0/currentStatus").asString()).isEqualTo("DELIVERED");
    assertThat(webhook.at("/metadata/customerPhone").asString()).isEqualTo("01012345678");
    assertThat(webhook.at("/items/0/trackingData/deliveryStatusText").asString()).isEqualTo("배송완료");
    assertThat(seen.get("query")).isEqualTo("trackingNumber=" + trackingNumber);
    assertThat(seen.get("tokenForm")).isEqualTo("grant_type=client_credentials");
    assertThat(seen.get("tokenAuth"))
        .isEqualTo(
            "Basic "
                + java.util.Base64.getEncoder()
                    .encodeToString(
                        "parcelbell-cli:local-cli-secret".getBytes(StandardCharsets.UTF_8)));
    assertThat(seen.get("historyAuth")).isEqualTo("Bearer eyJ.t0k-en_");
    assertThat(output).contains("\"accepted\":1");
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
