package io.parcelbell.ingest.registration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.ingest.config.IngestProperties;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

class DeliveryApiClientTest {

  private final MockWebServer server = new MockWebServer();
  private DeliveryApiClient client;

  private final RegisterShipmentRequest request =
      new RegisterShipmentRequest(
          "cj",
          "123456789012",
          "ORD-20260221-001",
          new ShipmentMetadata("ORD-20260221-001", "01012345678", "홍길동", "제주 감귤 5kg", null));

  @BeforeEach
  void start() throws IOException {
    server.start();
    // Generous: the first call also starts Reactor Netty, slow on a busy CI machine.
    client = clientWithTimeout(Duration.ofSeconds(10));
  }

  private DeliveryApiClient clientWithTimeout(Duration timeout) {
    var config =
        new IngestProperties.DeliveryApi(
            URI.create(server.url("/").toString()), "the-key", "the-secret", "endpoint-7", timeout);
    return new DeliveryApiClient(WebClient.builder(), config);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private static void assertFailure(Throwable e, String code) {
    assertThat(e)
        .isInstanceOfSatisfying(
            RegistrationFailedException.class, f -> assertThat(f.code()).isEqualTo(code));
  }

  @Test
  void registersTheParcelAsDeliveryApiExpectsAndAnswersItsRequestId() throws Exception {
    server.enqueue(json(200, "{\"requestId\":\"req-42\",\"status\":\"accepted\"}"));

    StepVerifier.create(client.register(request)).expectNext("req-42").verifyComplete();

    RecordedRequest sent = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo("/v1/webhooks/register");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer the-key:the-secret");
    var mapper = new ObjectMapper();
    assertThat(mapper.readTree(sent.getBody().readUtf8()))
        .isEqualTo(
            mapper.readTree(
                """
                {"endpointId":"endpoint-7",
                 "items":[{"courierCode":"cj","trackingNumber":"123456789012",
                           "clientId":"ORD-20260221-001"}],
                 "recurring":true,
                 "metadata":{"orderId":"ORD-20260221-001","customerPhone":"01012345678",
                             "customerName":"홍길동","productName":"제주 감귤 5kg"}}"""));
  }

  @Test
  void readsTheRequestIdFromADataEnvelopeToo() {
    server.enqueue(json(202, "{\"data\":{\"requestId\":\"req-43\"}}"));

    StepVerifier.create(client.register(request)).expectNext("req-43").verifyComplete();
  }

  @Test
  void aRefusalIsRejected() {
    server.enqueue(json(400, "{\"error\":\"unknown courier\"}"));

    StepVerifier.create(client.register(request))
        .expectErrorSatisfies(e -> assertFailure(e, RegistrationFailedException.REJECTED))
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void anAnswerWithoutRequestIdIsRejected() {
    server.enqueue(json(200, "{\"ok\":true}"));

    StepVerifier.create(client.register(request))
        .expectErrorSatisfies(e -> assertFailure(e, RegistrationFailedException.REJECTED))
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void aServerErrorIsUnavailable() {
    server.enqueue(json(503, "{}"));

    StepVerifier.create(client.register(request))
        .expectErrorSatisfies(e -> assertFailure(e, RegistrationFailedException.UNAVAILABLE))
        .verify(Duration.ofSeconds(15));
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnavailable() {
    server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));

    StepVerifier.create(clientWithTimeout(Duration.ofSeconds(1)).register(request))
        .expectErrorSatisfies(e -> assertFailure(e, RegistrationFailedException.UNAVAILABLE))
        .verify(Duration.ofSeconds(15));
  }
}
