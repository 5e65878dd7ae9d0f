package io.parcelbell.notifier.bizgo;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class BizgoClientTest {

  static final String ID = "cj:123456789012:DELIVERED";
  private final ObjectMapper json = new ObjectMapper();
  private MockWebServer server;
  private BizgoClient client;
  private final CircuitBreaker breaker = CircuitBreaker.ofDefaults("bizgo-test");
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final BizgoCredentials credentials = new BizgoCredentials(meters);

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    String base = server.url("/").toString().replaceAll("/$", "");
    var config =
        new NotifierProperties.Bizgo(
            base,
            "test-api-key",
            "test-sender-key",
            "15880000",
            Duration.ofHours(24),
            Duration.ofSeconds(1),
            Duration.ofMillis(500),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            50);
    Retry retry =
        Retry.of(
            "bizgo-test",
            RetryConfig.custom()
                .maxAttempts(4)
                .waitDuration(Duration.ofMillis(10))
                .retryExceptions(BizgoTransientException.class)
                .build());
    client =
        BizgoClient.create(
            WebClient.builder(),
            config,
            new BizgoPolicies(
                RetryAfterAwareRetry.of(retry, Duration.ofSeconds(2)),
                RateLimiter.ofDefaults("test"),
                breaker),
            credentials,
            Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static MockResponse answer(String code, String msgKey) {
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            """
            {"common":{"authCode":"A000","authResult":"Success"},
             "data":{"code":"A000","result":"Success",
                     "data":{"destinations":[{"to":"01012345678","msgKey":%s,"code":"%s","result":"r"}]},
                     "ref":"%s"}}
            """
                .formatted(msgKey == null ? "null" : "\"" + msgKey + "\"", code, ID));
  }

  static BizgoMessage alimtalk() {
    return new BizgoMessage(
        "01012345678",
        ID,
        ID + ":1",
        Channel.ALIMTALK,
        "PB_DELIVERED_01",
        null,
        "[배송 완료] 홍길동님",
        List.of(
            new BizgoMessage.Button(
                "WL", "리뷰 쓰기", "https://my-shop.com/review/O1", "https://my-shop.com/review/O1")));
  }

  @Test
  void sendsTheOmniRequestOfTheContract() throws Exception {
    server.enqueue(answer("A000", "mk-1"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-1", false));
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/comm/v1/send/omni");
    assertThat(request.getHeader("Authorization")).isEqualTo("test-api-key");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    JsonNode body = json.readTree(request.getBody().readUtf8());
    assertThat(body.propertyNames())
        .containsExactlyInAnyOrder(
            "destinations", "messageFlow", "ref", "idempotencyKey", "idempotencyTtl");
    assertThat(body.get("destinations")).hasSize(1);
    assertThat(body.at("/destinations/0/to").asString()).isEqualTo("01012345678");
    assertThat(body.at("/destinations/0/ref").asString()).isEqualTo(ID);
    assertThat(body.get("messageFlow")).hasSize(1);
    JsonNode alimtalk = body.at("/messageFlow/0/alimtalk");
    assertThat(alimtalk.get("senderKey").asString()).isEqualTo("test-sender-key");
    assertThat(alimtalk.get("msgType").asString()).isEqualTo("AT");
    assertThat(alimtalk.get("templateCode").asString()).isEqualTo("PB_DELIVERED_01");
    assertThat(alimtalk.get("text").asString()).isEqualTo("[배송 완료] 홍길동님");
    JsonNode button = alimtalk.at("/attachment/button/0");
    assertThat(button.get("type").asString()).isEqualTo("WL");
    assertThat(button.get("name").asString()).isEqualTo("리뷰 쓰기");
    assertThat(button.get("urlMobile").asString()).isEqualTo("https://my-shop.com/review/O1");
    assertThat(button.get("urlPc").asString()).isEqualTo("https://my-shop.com/review/O1");
    assertThat(body.get("ref").asString()).isEqualTo(ID);
    assertThat(body.get("idempotencyKey").asString()).isEqualTo(ID + ":1");
    assertThat(body.get("idempotencyTtl").asLong()).isEqualTo(86_400);
  }

  @Test
  void smsAndLmsUseTheRegisteredSenderNumber() throws Exception {
    server.enqueue(answer("A000", "mk-s"));
    server.enqueue(answer("A000", "mk-l"));

    client
        .send(new BizgoMessage("01012345678", ID, ID + ":2", Channel.SMS, null, null, "짧은", null))
        .block(Duration.ofSeconds(10));
    client
        .send(new BizgoMessage("01012345678", ID, ID + ":2", Channel.LMS, null, "제목", "긴 글", null))
        .block(Duration.ofSeconds(10));

    JsonNode sms = json.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(sms.at("/messageFlow/0").propertyNames()).containsExactly("sms");
    assertThat(sms.at("/messageFlow/0/sms/from").asString()).isEqualTo("15880000");
    assertThat(sms.at("/messageFlow/0/sms/text").asString()).isEqualTo("짧은");
    JsonNode lms = json.readTree(server.takeRequest().getBody().readUtf8());
    assertThat(lms.at("/messageFlow/0").propertyNames()).containsExactly("mms");
    assertThat(lms.at("/messageFlow/0/mms/from").asString()).isEqualTo("15880000");
    assertThat(lms.at("/messageFlow/0/mms/title").asString()).isEqualTo("제목");
    assertThat(lms.at("/messageFlow/0/mms/text").asString()).isEqualTo("긴 글");
    assertThat(lms.get("idempotencyKey").asString()).isEqualTo(ID + ":2");
  }

  @Test
  void retriesServerErrorsWithTheSameIdempotencyKey() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(answer("A000", "mk-3"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-3", false));
    assertThat(server.getRequestCount()).isEqualTo(3);
    for (int i = 0; i < 3; i++) {
      JsonNode body = json.readTree(server.takeRequest().getBody().readUtf8());
      assertThat(body.get("idempotencyKey").asString()).isEqualTo(ID + ":1");
    }
  }

  @Test
  void aTimedOutTryIsRetriedAndTheSecondAnswerIsA301() throws Exception {
    server.enqueue(answer("A000", "mk-4").setHeadersDelay(2, TimeUnit.SECONDS));
    server.enqueue(answer("A301", "mk-4"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-4", true));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void givesUpAfterTheConfiguredAttemptsWithATransientResult() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(503));
    }

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Unavailable("HTTP_503", "Bizgo answered 503"));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void aConnectionErrorIsTransient() throws Exception {
    server.shutdown();

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isInstanceOf(BizgoResult.Unavailable.class);
    assertThat(((BizgoResult.Unavailable) result).code()).isEqualTo("CONNECTION");
  }

  @Test
  void withoutAPermitTheTryIsRateLimitedAndNothingIsSent() {
    var config =
        new NotifierProperties.Bizgo(
            server.url("/").toString(),
            "k",
            "s",
            "15880000",
            Duration.ofHours(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            50);
    RateLimiter none =
        RateLimiter.of(
            "none",
            RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofHours(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    none.acquirePermission(); // the only permit of the hour is gone
    BizgoClient limited =
        BizgoClient.create(
            WebClient.builder(),
            config,
            new BizgoPolicies(Retry.ofDefaults("once"), none, CircuitBreaker.ofDefaults("b")),
            credentials,
            Clock.systemUTC());

    BizgoResult result = limited.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.RateLimited("LOCAL_RATE_LIMIT"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void whileTheBreakerIsOpenNothingIsSent() {
    breaker.transitionToOpenState();

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result)
        .isEqualTo(new BizgoResult.Unavailable("CIRCUIT_OPEN", "the bizgo breaker is open"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void transientFailuresAreCountedByTheBreakerAndAcceptancesAreNot() {
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(answer("A000", "mk-5"));

    client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
  }

  @Test
  void rejectionsAndCredentialErrorsAreNotRetried() {
    server.enqueue(answer("A306", null));
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"common\":{\"authCode\":\"A401\",\"authResult\":\"invalid key\"}}"));

    assertThat(client.send(alimtalk()).block(Duration.ofSeconds(10)))
        .isEqualTo(new BizgoResult.InvalidRecipient("A306", "r"));
    assertThat(client.send(alimtalk()).block(Duration.ofSeconds(10)))
        .isEqualTo(new BizgoResult.ConfigurationError("A401", "invalid key"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anA401MarksTheCredentialsRejectedAndAnyAuthenticatedAnswerClearsIt() {
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"common\":{\"authCode\":\"A401\",\"authResult\":\"invalid key\"}}"));
    server.enqueue(answer("A306", null));

    client.send(alimtalk()).block(Duration.ofSeconds(10));
    assertThat(credentials.rejected()).isTrue();
    assertThat(meters.get(BizgoCredentials.GAUGE).gauge().value()).isEqualTo(1.0);

    // A306 can only be answered to a caller whose key Bizgo accepted.
    client.send(alimtalk()).block(Duration.ofSeconds(10));
    assertThat(credentials.rejected()).isFalse();
    assertThat(meters.get(BizgoCredentials.GAUGE).gauge().value()).isEqualTo(0.0);
  }

  @Test
  void aTransientFailureSaysNothingAboutTheCredentials() {
    BizgoCredentialsTesting.reject(credentials, "A401");
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return new MockResponse().setResponseCode(503);
          }
        });

    client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(credentials.rejected()).isTrue();
  }

  @Test
  void theProbeSendsNothingAndReadsTheKeysStateFromAReportLookup() throws Exception {
    BizgoCredentialsTesting.reject(credentials, "A401");
    server.enqueue(
        new MockResponse()
            .setResponseCode(401)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"common\":{\"authCode\":\"A401\"}}"));
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(
        new MockResponse()
            .setResponseCode(404)
            .setHeader("Content-Type", "application/json")
            .setBody("{\"common\":{\"authCode\":\"A000\"},\"data\":{\"code\":\"A404\"}}"));

    client.probeCredentials().block(Duration.ofSeconds(10));
    assertThat(credentials.rejected()).as("still A401").isTrue();
    client.probeCredentials().block(Duration.ofSeconds(10));
    assertThat(credentials.rejected()).as("503 says nothing about the key").isTrue();
    client.probeCredentials().block(Duration.ofSeconds(10));
    assertThat(credentials.rejected()).as("A404 is only answered to an accepted key").isFalse();

    RecordedRequest probe = server.takeRequest();
    assertThat(probe.getMethod()).isEqualTo("GET");
    assertThat(probe.getPath()).isEqualTo(BizgoClient.PROBE_PATH);
    assertThat(probe.getHeader("Authorization")).isEqualTo("test-api-key");
  }

  /** Answers in order and notes when each request arrived. */
  private List<Long> timedAnswers(MockResponse... answers) {
    List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.Queue<MockResponse> queue =
        new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(answers));
    server.setDispatcher(
        new okhttp3.mockwebserver.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            arrivals.add(System.nanoTime());
            return queue.remove();
          }
        });
    return arrivals;
  }

  private static long millisBetween(List<Long> arrivals, int from, int to) {
    return TimeUnit.NANOSECONDS.toMillis(arrivals.get(to) - arrivals.get(from));
  }

  @Test
  void a429WithRetryAfterIsRetriedAfterTheAskedSecondsWithTheSameKey() throws Exception {
    List<Long> arrivals =
        timedAnswers(
            new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"),
            answer("A000", "mk-ra"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-ra", false));
    assertThat(arrivals).hasSize(2);
    assertThat(millisBetween(arrivals, 0, 1)).isGreaterThanOrEqualTo(950);
    for (int i = 0; i < 2; i++) {
      JsonNode body = json.readTree(server.takeRequest().getBody().readUtf8());
      assertThat(body.get("idempotencyKey").asString()).isEqualTo(ID + ":1");
    }
  }

  @Test
  void anA020RetryAfterIsBoundedByTheConfiguredMaximum() {
    List<Long> arrivals =
        timedAnswers(
            answer("A000", null)
                .setBody(
                    "{\"common\":{\"authCode\":\"A000\"},"
                        + "\"data\":{\"code\":\"A020\",\"result\":\"too many requests\"}}")
                .setHeader("Retry-After", "3600"),
            answer("A000", "mk-cap"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(20));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-cap", false));
    // Capped at the 2 s maximum of this client, not the hour Bizgo asked for.
    assertThat(millisBetween(arrivals, 0, 1)).isBetween(1_900L, 9_000L);
  }

  @Test
  void aRateLimitWithoutRetryAfterUsesTheExponentialBackOff() {
    List<Long> arrivals =
        timedAnswers(
            new MockResponse().setResponseCode(429),
            new MockResponse().setResponseCode(429),
            answer("A000", "mk-exp"));

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.Accepted("mk-exp", false));
    // This client's back-off is 10 ms: nothing near the second a Retry-After would have cost.
    assertThat(millisBetween(arrivals, 0, 2)).isLessThan(900);
  }

  @Test
  void theRateLimitedResultCarriesTheRetryAfter() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "0"));
    }

    BizgoResult result = client.send(alimtalk()).block(Duration.ofSeconds(10));

    assertThat(result).isEqualTo(new BizgoResult.RateLimited("HTTP_429", Duration.ZERO));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
