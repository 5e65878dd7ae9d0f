package io.parcelbell.localstack.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.standardwebhooks.Webhook;
import io.parcelbell.localstack.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class WebhookReceiverTest {

  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  private final BizgoSandbox sandbox =
      BizgoSandbox.start(
          SandboxConfig.defaults(FreePorts.next(), URI.create("http://localhost:1/none")),
          Clock.systemUTC());
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void aDeliverySignedWithTheRegisteredSecretVerifiesAndAForgedOneDoesNot() throws Exception {
    String base = sandbox.baseUrl() + "/receiver";
    http.send(
        HttpRequest.newBuilder(URI.create(base + "/crm/secret"))
            .PUT(HttpRequest.BodyPublishers.ofString(SECRET))
            .build(),
        HttpResponse.BodyHandlers.discarding());
    String body = "{\"order\":\"ORD-1\"}";
    long now = Instant.now().getEpochSecond();
    String signature = new Webhook(SECRET).sign("msg_1", now, body);

    assertThat(post(base + "/crm", "msg_1", now, signature, body)).isEqualTo(204);
    assertThat(post(base + "/crm", "msg_2", now, signature, body)).isEqualTo(401);

    JsonNode received =
        new ObjectMapper()
            .readTree(
                http.send(
                        HttpRequest.newBuilder(URI.create(base)).build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertThat(received).hasSize(2);
    assertThat(received.get(1).path("webhookId").asString()).isEqualTo("msg_1");
    assertThat(received.get(1).path("verified").asBoolean()).isTrue();
    assertThat(received.get(0).path("verified").asBoolean()).isFalse();
    assertThat(received.get(0).path("body").asString()).isEqualTo(body);
  }

  private int post(String url, String id, long timestamp, String signature, String body)
      throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
