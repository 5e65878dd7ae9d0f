package io.parcelbell.report.bizgo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.store.RawReport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.ObjectMapper;

/** The inquiry client against Bizgo's answers on MockWebServer, with its retry and breaker. */
class BizgoInquiryClientTest {

  static final Instant NOW = Instant.parse("2026-04-24T02:00:00Z");
  static final String NOT_FOUND =
      """
      {"common":{"authCode":"A000","authResult":"Success"},
       "data":{"code":"A404","result":"report not found"}}
      """;

  final MockWebServer bizgo = new MockWebServer();
  CircuitBreaker breaker;
  BizgoInquiryClient client;

  @BeforeEach
  void start() throws IOException {
    bizgo.start();
    breaker =
        CircuitBreaker.of(
            "test",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(4)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofMinutes(1))
                .build());
    var retry =
        Retry.of(
            "test",
            RetryConfig.custom()
                .maxAttempts(3)
                .waitDuration(Duration.ofMillis(10))
                .retryExceptions(BizgoUnavailableException.class)
                .build());
    var config =
        new ReportProperties(
            new ReportProperties.Bizgo(
                List.of("127.0.0.1/32"),
                List.of(),
                null,
                bizgo.url("/").toString().replaceAll("/$", ""),
                "local-bizgo-api-key",
                Duration.ofSeconds(4),
                Duration.ofMinutes(5),
                1_000),
            Duration.ofMinutes(10),
            Duration.ofHours(24),
            Duration.ofMinutes(1),
            Duration.ofSeconds(30),
            256,
            Duration.ofSeconds(10),
            new ReportProperties.Overview(Duration.ofSeconds(10), Duration.ofHours(1)));
    client =
        new BizgoInquiryClient(
            WebClient.builder(),
            config,
            new ObjectMapper(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            retry,
            breaker);
  }

  @AfterEach
  void stop() throws IOException {
    bizgo.shutdown();
  }

  @Test
  void aFoundReportIsParsedFromTheNestedData() throws Exception {
    bizgo.enqueue(
        json(
            """
            {"common":{"authCode":"A000","authResult":"Success"},
             "data":{"code":"A000","result":"Success","data":{"serviceType":"SMS","msgType":"SMS",
               "reportTime":"2026-04-24T10:42:36.120+09:00","reportType":"RS","reportCode":"23000",
               "reportText":"단말기 수신 불가","ref":"cj:T1:DELIVERED"}}}
            """));

    Optional<RawReport> found = client.inquire("MK-1").block();

    assertThat(found).isPresent();
    RawReport report = found.get();
    assertThat(report.msgKey()).isEqualTo("MK-1");
    assertThat(report.reportCode()).isEqualTo("23000");
    assertThat(report.reportText()).isEqualTo("단말기 수신 불가");
    assertThat(report.ref()).isEqualTo("cj:T1:DELIVERED");
    assertThat(report.reportedAt()).isEqualTo("2026-04-24T01:42:36.120Z");
    RecordedRequest request = bizgo.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/api/comm/v1/report/inquiry/MK-1");
    assertThat(request.getHeader("Authorization")).isEqualTo("local-bizgo-api-key");
  }

  @Test
  void noReportYetIsEmpty() {
    bizgo.enqueue(json(NOT_FOUND));

    assertThat(client.inquire("MK-2").block()).isEmpty();
    assertThat(bizgo.getRequestCount()).isEqualTo(1);
  }

  @Test
  void transientFailuresAreRetried() {
    bizgo.enqueue(new MockResponse().setResponseCode(503));
    bizgo.enqueue(json("{\"common\":{\"authCode\":\"A999\",\"authResult\":\"system error\"}}"));
    bizgo.enqueue(json(NOT_FOUND));

    assertThat(client.inquire("MK-3").block()).isEmpty();
    assertThat(bizgo.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aBizgoThatStaysDownFailsAfterThreeTries() {
    for (int i = 0; i < 3; i++) {
      bizgo.enqueue(new MockResponse().setResponseCode(500));
    }

    assertThatThrownBy(() -> client.inquire("MK-4").block())
        .isInstanceOf(BizgoUnavailableException.class);
    assertThat(bizgo.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aRefusalIsNotRetried() {
    bizgo.enqueue(new MockResponse().setResponseCode(401));

    assertThatThrownBy(() -> client.inquire("MK-5").block())
        .isInstanceOf(WebClientResponseException.Unauthorized.class);
    assertThat(bizgo.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerWeDoNotUnderstandIsAnErrorNotAGuess() {
    bizgo.enqueue(json("{\"common\":{\"authCode\":\"A000\"},\"data\":{\"code\":\"A123\"}}"));

    assertThatThrownBy(() -> client.inquire("MK-6").block())
        .isInstanceOf(IllegalStateException.class);
    assertThat(bizgo.getRequestCount()).isEqualTo(1);
  }

  @Test
  void theBreakerOpensAndStopsCallingBizgo() {
    for (int i = 0; i < 4; i++) {
      bizgo.enqueue(new MockResponse().setResponseCode(500));
    }
    // 3 tries of the first call and 1 of the second are 4 recorded failures: the breaker opens.
    assertThatThrownBy(() -> client.inquire("MK-7").block())
        .isInstanceOf(BizgoUnavailableException.class);
    assertThatThrownBy(() -> client.inquire("MK-8").block())
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

    assertThatThrownBy(() -> client.inquire("MK-9").block())
        .isInstanceOf(CallNotPermittedException.class);
    assertThat(bizgo.getRequestCount()).isEqualTo(4);
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }
}
