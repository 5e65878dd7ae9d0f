package io.parcelbell.ingest.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.contracts.security.TestIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/shipments} through the real wiring (WebClient, Resilience4j instances from
 * application.yml with test-sized numbers) against a scripted DeliveryAPI. Kafka is not needed.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=localhost:1",
      "parcelbell.kafka.create-topics=false",
      "parcelbell.ingest.delivery-api.api-key=the-key",
      "parcelbell.ingest.delivery-api.api-secret=the-secret",
      "parcelbell.ingest.delivery-api.endpoint-id=endpoint-7",
      "parcelbell.ingest.delivery-api.timeout=2s",
      "resilience4j.retry.instances.deliveryapi.wait-duration=20ms",
      "resilience4j.circuitbreaker.instances.deliveryapi.sliding-window-size=4",
      "resilience4j.circuitbreaker.instances.deliveryapi.minimum-number-of-calls=4",
      "resilience4j.circuitbreaker.instances.deliveryapi.wait-duration-in-open-state=1h"
    })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = TestIssuer.Initializer.class)
class RegistrationIntegrationTest {

  private static final Queue<MockResponse> answers = new ConcurrentLinkedQueue<>();
  private static final List<RecordedRequest> received = new CopyOnWriteArrayList<>();
  private static final MockWebServer deliveryApi = start();

  private static final String VALID =
      """
      {"orderId":"ORD-20260221-001","courierCode":"CJ","trackingNumber":"123456789012",
       "customerPhone":"+82 10-1234-5678","customerName":"홍길동","productName":"제주 감귤 5kg",
       "courierName":"CJ대한통운"}""";

  @Autowired WebTestClient client;
  @Autowired CircuitBreakerRegistry breakers;
  @Autowired MeterRegistry meters;

  /** One server for the cached context; answers are scripted per test, 500 when none is left. */
  private static MockWebServer start() {
    var server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            received.add(request);
            MockResponse next = answers.poll();
            return next != null ? next : json(500, "{\"error\":\"internal\"}");
          }
        });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return server;
  }

  @DynamicPropertySource
  static void deliveryApiUrl(DynamicPropertyRegistry registry) {
    registry.add("parcelbell.ingest.delivery-api.base-url", () -> deliveryApi.url("/").toString());
  }

  @AfterAll
  static void stopServer() throws IOException {
    deliveryApi.shutdown();
  }

  private static boolean warm;

  @BeforeEach
  void reset() {
    if (!warm) {
      // The first call starts Reactor Netty's event loop and resolver, which can take longer than
      // the per-attempt timeout on a busy machine and would turn into a retry the test didn't ask
      // for. Whatever it answers does not matter.
      answers.add(json(200, "{\"requestId\":\"warm-up\"}"));
      post(VALID).expectBody().returnResult();
      warm = true;
    }
    answers.clear();
    received.clear();
    breaker().reset();
  }

  private CircuitBreaker breaker() {
    return breakers.circuitBreaker(DeliveryApiClient.RESILIENCE_INSTANCE);
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  private WebTestClient.ResponseSpec post(String json) {
    // Three attempts that each time out take longer than WebTestClient's default 5 s.
    return client
        .mutate()
        .responseTimeout(Duration.ofSeconds(20))
        .build()
        .post()
        .uri("/api/shipments")
        // The shop's order system: a client-credentials token with the scope.
        .header("Authorization", "Bearer " + TestIssuer.get().withScopes("shipments:write"))
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  private static JsonNode problem(WebTestClient.ResponseSpec response, HttpStatus status) {
    String body =
        response
            .expectStatus()
            .isEqualTo(status)
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    try {
      return new ObjectMapper().readTree(body);
    } catch (JacksonException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  @Test
  void registersTheParcelExactlyAsDeliveryApiExpectsAndAnswers202WithItsRequestId()
      throws Exception {
    answers.add(json(200, "{\"requestId\":\"req-42\",\"status\":\"accepted\"}"));

    post(VALID).expectStatus().isAccepted().expectBody().json("{\"requestId\":\"req-42\"}", true);

    assertThat(received).hasSize(1);
    RecordedRequest sent = received.get(0);
    assertThat(sent.getMethod()).isEqualTo("POST");
    assertThat(sent.getPath()).isEqualTo("/v1/webhooks/register");
    assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer the-key:the-secret");
    assertThat(sent.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = new ObjectMapper().readTree(sent.getBody().readUtf8());
    assertThat(body.path("endpointId").asString()).isEqualTo("endpoint-7");
    assertThat(body.path("recurring").isBoolean()).isTrue();
    assertThat(body.path("recurring").booleanValue()).isTrue();
    assertThat(body.path("items")).hasSize(1);
    JsonNode item = body.path("items").get(0);
    assertThat(item.path("courierCode").asString()).isEqualTo("cj");
    assertThat(item.path("trackingNumber").asString()).isEqualTo("123456789012");
    assertThat(item.path("clientId").asString()).isEqualTo("ORD-20260221-001");
    JsonNode metadata = body.path("metadata");
    assertThat(metadata.path("orderId").asString()).isEqualTo("ORD-20260221-001");
    assertThat(metadata.path("customerPhone").asString()).isEqualTo("01012345678");
    assertThat(metadata.path("customerName").asString()).isEqualTo("홍길동");
    assertThat(metadata.path("productName").asString()).isEqualTo("제주 감귤 5kg");
    assertThat(metadata.path("courierName").asString()).isEqualTo("CJ대한통운");
  }

  @Test
  void twoServerErrorsAreRetriedAndTheThirdAttemptSucceeds() {
    answers.add(json(500, "{}"));
    answers.add(json(503, "{}"));
    answers.add(json(200, "{\"requestId\":\"req-3\"}"));

    post(VALID).expectStatus().isAccepted().expectBody().json("{\"requestId\":\"req-3\"}", true);

    assertThat(received).hasSize(3);
    // Ops see retries in Resilience4j's meters (resilience4j_retry_calls_total on /prometheus).
    assertThat(
            meters
                .find("resilience4j.retry.calls")
                .tag("name", DeliveryApiClient.RESILIENCE_INSTANCE)
                .tag("kind", "successful_with_retry")
                .functionCounter())
        .isNotNull()
        .satisfies(c -> assertThat(c.count()).isGreaterThanOrEqualTo(1));
  }

  @Test
  void aRefusalIs502AndIsNotRetried() {
    answers.add(json(400, "{\"error\":\"unknown tracking number\"}"));
    answers.add(json(200, "{\"requestId\":\"must-not-be-used\"}"));

    JsonNode problem = problem(post(VALID), HttpStatus.BAD_GATEWAY);

    assertThat(problem.path("code").asString()).isEqualTo(RegistrationFailedException.REJECTED);
    assertThat(received).hasSize(1);
    // A refusal says DeliveryAPI is up: it must not count towards opening the breaker.
    assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
  }

  @Test
  void exhaustedRetriesAre503() {
    // No scripted answer: every attempt gets a 500.
    JsonNode problem = problem(post(VALID), HttpStatus.SERVICE_UNAVAILABLE);

    assertThat(problem.path("code").asString()).isEqualTo(RegistrationFailedException.UNAVAILABLE);
    assertThat(received).hasSize(3);
  }

  @Test
  void noAnswerWithinTheTimeoutIsRetriedThen503() {
    for (int i = 0; i < 3; i++) {
      answers.add(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
    }

    JsonNode problem = problem(post(VALID), HttpStatus.SERVICE_UNAVAILABLE);

    assertThat(problem.path("code").asString()).isEqualTo(RegistrationFailedException.UNAVAILABLE);
    assertThat(received).hasSize(3);
  }

  @Test
  void theBreakerOpensAfterRepeatedFailuresAndThenDeliveryApiIsNotCalled() {
    // Window of 4 calls: the first registration fails 3 attempts, the second's first attempt is
    // the 4th failure and opens the breaker; its retry is refused by the breaker.
    problem(post(VALID), HttpStatus.SERVICE_UNAVAILABLE);
    problem(post(VALID), HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int calls = received.size();
    assertThat(calls).isEqualTo(4);
    answers.add(json(200, "{\"requestId\":\"must-not-be-used\"}"));

    JsonNode problem = problem(post(VALID), HttpStatus.SERVICE_UNAVAILABLE);

    assertThat(problem.path("code").asString()).isEqualTo(RegistrationFailedException.UNAVAILABLE);
    assertThat(received).hasSize(calls);
  }

  @Test
  void aMissingFieldIs400WithItsPointerAndDeliveryApiIsNotCalled() {
    JsonNode problem =
        problem(
            post(
                "{\"courierCode\":\"cj\",\"trackingNumber\":\"1\",\"customerPhone\":\"01012345678\"}"),
            HttpStatus.BAD_REQUEST);

    assertThat(problem.path("code").asString()).isEqualTo("MISSING_FIELD");
    assertThat(problem.path("pointer").asString()).isEqualTo("/orderId");
    assertThat(received).isEmpty();
  }

  @Test
  void aPhoneThatIsNotAKoreanMobileIs400AndTheAnswerDoesNotEchoIt() {
    JsonNode problem =
        problem(post(VALID.replace("+82 10-1234-5678", "02-555-1234")), HttpStatus.BAD_REQUEST);

    assertThat(problem.path("code").asString()).isEqualTo("INVALID_FIELD");
    assertThat(problem.path("pointer").asString()).isEqualTo("/customerPhone");
    assertThat(problem.toString()).doesNotContain("555");
    assertThat(received).isEmpty();
  }

  @Test
  void anUnknownCourierIs400() {
    JsonNode problem =
        problem(post(VALID.replace("\"CJ\"", "\"dhl-express\"")), HttpStatus.BAD_REQUEST);

    assertThat(problem.path("code").asString()).isEqualTo("INVALID_FIELD");
    assertThat(problem.path("pointer").asString()).isEqualTo("/courierCode");
    assertThat(received).isEmpty();
  }

  @Test
  void malformedJsonIs400() {
    JsonNode problem = problem(post("{\"orderId\":"), HttpStatus.BAD_REQUEST);

    assertThat(problem.path("code").asString()).isEqualTo("MALFORMED_JSON");
    assertThat(received).isEmpty();
  }
}
