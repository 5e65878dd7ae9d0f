package io.parcelbell.report.bizgo;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.store.RawReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bizgo's report inquiry, {@code GET {base}/api/comm/v1/report/inquiry/{msgKey}}: the report of a
 * message whose webhook never reached us. Empty while Bizgo has none (A404); an error for any
 * answer we do not understand, so the caller leaves the attempt alone rather than guess.
 *
 * <p>Transient failures ({@link BizgoUnavailableException}, timeouts, connection errors) are
 * retried by the {@code bizgoInquiry} Resilience4j retry; the {@code bizgoInquiry} circuit breaker
 * stops a sweep from hammering a Bizgo that is down (both configured in application.yml). The retry
 * wraps the breaker, so every try counts towards opening it.
 */
@Component
public class BizgoInquiryClient {

  public static final String RESILIENCE_NAME = "bizgoInquiry";
  static final String NOT_FOUND = "A404";
  private static final String OK = "A000";
  private static final Set<String> TRANSIENT = Set.of("A020", "A910", "A920", "A999");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final WebClient http;
  private final BizgoReportParser parser;
  private final Clock clock;
  private final Retry retry;
  private final CircuitBreaker breaker;

  @Autowired
  public BizgoInquiryClient(
      WebClient.Builder http,
      ReportProperties properties,
      ObjectMapper json,
      Clock clock,
      RetryRegistry retries,
      CircuitBreakerRegistry breakers) {
    this(
        http,
        properties,
        json,
        clock,
        retries.retry(RESILIENCE_NAME),
        breakers.circuitBreaker(RESILIENCE_NAME));
  }

  public BizgoInquiryClient(
      WebClient.Builder http,
      ReportProperties properties,
      ObjectMapper json,
      Clock clock,
      Retry retry,
      CircuitBreaker breaker) {
    this.retry = retry;
    this.breaker = breaker;
    this.http =
        http.baseUrl(properties.bizgo().baseUrl())
            .defaultHeader("Authorization", properties.bizgo().apiKey())
            .build();
    this.parser = new BizgoReportParser(json);
    this.clock = clock;
  }

  public Mono<Optional<RawReport>> inquire(String msgKey) {
    return http.get()
        .uri("/api/comm/v1/report/inquiry/{msgKey}", msgKey)
        .retrieve()
        .onStatus(
            status ->
                status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value(),
            response ->
                Mono.just(
                    new BizgoUnavailableException("inquiry answered " + response.statusCode())))
        .bodyToMono(JsonNode.class)
        .timeout(TIMEOUT)
        .flatMap(answer -> read(msgKey, answer))
        .transformDeferred(CircuitBreakerOperator.of(breaker))
        .transformDeferred(RetryOperator.of(retry));
  }

  private Mono<Optional<RawReport>> read(String msgKey, JsonNode answer) {
    String auth = answer.path("common").path("authCode").asString("");
    String code = answer.path("data").path("code").asString("");
    if (OK.equals(auth) && NOT_FOUND.equals(code)) {
      return Mono.just(Optional.empty());
    }
    if (OK.equals(auth) && OK.equals(code)) {
      JsonNode report = answer.path("data").path("data");
      if (report instanceof ObjectNode fields && !fields.hasNonNull("msgKey")) {
        report = fields.deepCopy().put("msgKey", msgKey); // we asked for exactly this one
      }
      var parsed = parser.parse(report, clock.instant());
      if (parsed.report().isPresent() && msgKey.equals(parsed.msgKey())) {
        return Mono.just(parsed.report());
      }
    }
    if (TRANSIENT.contains(auth) || TRANSIENT.contains(code)) {
      return Mono.error(
          new BizgoUnavailableException(
              "inquiry for " + msgKey + " answered " + auth + "/" + code));
    }
    return Mono.error(
        new IllegalStateException(
            "unexpected inquiry answer for " + msgKey + ": " + auth + "/" + code));
  }
}
