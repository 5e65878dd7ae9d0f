package io.parcelbell.notifier.bizgo;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.netty.channel.ChannelOption;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Bizgo's omni send API. Transient failures are retried by the {@code bizgo} Retry with the same
 * idempotency key, so a retry after a lost answer is answered A301 rather than sent twice. Every
 * HTTP try, retries included, passes the {@code bizgo} RateLimiter (Bizgo answers A020 to a burst,
 * and a retry storm must not make that worse) and the {@code bizgo} CircuitBreaker, whose state
 * pauses the shipment listener while Bizgo is down.
 */
public class BizgoClient {

  /** The code of the result when our own rate limiter gave no permit in time. */
  public static final String LOCAL_RATE_LIMIT = "LOCAL_RATE_LIMIT";

  /** The code of the result while the breaker refuses calls. */
  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

  static final String SEND_PATH = "/api/comm/v1/send/omni";

  /** A report lookup of a msgKey that cannot exist: Bizgo's cheapest authenticated request. */
  static final String PROBE_PATH = "/api/comm/v1/report/inquiry/parcelbell-credentials-probe";

  private static final Logger log = LoggerFactory.getLogger(BizgoClient.class);

  private final WebClient webClient;
  private final NotifierProperties.Bizgo config;
  private final BizgoPolicies policies;
  private final BizgoCredentials credentials;
  private final Duration attemptTimeout;
  private final Clock clock;

  BizgoClient(
      WebClient webClient,
      NotifierProperties.Bizgo config,
      BizgoPolicies policies,
      BizgoCredentials credentials,
      Clock clock) {
    this.webClient = webClient;
    this.config = config;
    this.policies = policies;
    this.credentials = credentials;
    this.clock = clock;
    // Backstop for a server that trickles bytes: the response timeout alone bounds only each read.
    this.attemptTimeout = config.connectTimeout().plus(config.responseTimeout()).multipliedBy(2);
  }

  /** A client with the configured connect and response timeouts. */
  public static BizgoClient create(
      WebClient.Builder builder,
      NotifierProperties.Bizgo config,
      BizgoPolicies policies,
      BizgoCredentials credentials,
      Clock clock) {
    HttpClient http =
        HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .responseTimeout(config.responseTimeout());
    WebClient webClient =
        builder
            .clone()
            .baseUrl(config.baseUrl())
            .clientConnector(new ReactorClientHttpConnector(http))
            .build();
    return new BizgoClient(webClient, config, policies, credentials, clock);
  }

  /** Never errors: every failure ends as a {@link BizgoResult}. */
  public Mono<BizgoResult> send(BizgoMessage message) {
    OmniRequest body =
        OmniRequest.of(
            message, config.senderKey(), config.smsFrom(), config.idempotencyTtl().toSeconds());
    return Mono.defer(() -> sendOnce(body, message))
        .flatMap(
            result ->
                result.isTransient()
                    ? Mono.<BizgoResult>error(transientFailure(result))
                    : Mono.just(result))
        // The breaker counts transient failures; while it is open, tries fail fast (not retried).
        .transformDeferred(CircuitBreakerOperator.of(policies.circuitBreaker()))
        .transformDeferred(RetryOperator.of(policies.retry()))
        .onErrorResume(BizgoTransientException.class, e -> Mono.just(e.result()))
        .onErrorResume(
            CallNotPermittedException.class,
            e -> Mono.just(new BizgoResult.Unavailable(CIRCUIT_OPEN, "the bizgo breaker is open")))
        .doOnNext(credentials::learnFrom)
        .tap(InTrace.onNext(result -> logResult(message, result)));
  }

  /**
   * Asks Bizgo whether it accepts our key, sending nothing: a report lookup of a msgKey that does
   * not exist. The answer updates {@link BizgoCredentials}; no usable answer (Bizgo down) leaves
   * them as they were. Not rate limited or retried: it runs every few seconds at most.
   */
  public Mono<Void> probeCredentials() {
    return webClient
        .get()
        .uri(PROBE_PATH)
        .header(HttpHeaders.AUTHORIZATION, config.apiKey())
        .accept(MediaType.APPLICATION_JSON)
        .exchangeToMono(
            response ->
                response
                    .bodyToMono(OmniResponse.class)
                    .map(CredentialsProbe::authCode)
                    .onErrorResume(e -> Mono.empty())
                    .defaultIfEmpty("")
                    .map(code -> CredentialsProbe.verdict(response.statusCode().value(), code)))
        .timeout(attemptTimeout)
        .doOnNext(verdict -> verdict.applyTo(credentials))
        .onErrorResume(e -> Mono.empty())
        .then();
  }

  private Mono<BizgoResult> sendOnce(OmniRequest body, BizgoMessage message) {
    return webClient
        .post()
        .uri(SEND_PATH)
        .header(HttpHeaders.AUTHORIZATION, config.apiKey())
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchangeToMono(response -> classify(response, message.idempotencyKey()))
        .timeout(attemptTimeout)
        .transformDeferred(RateLimiterOperator.of(policies.rateLimiter()))
        .onErrorResume(
            RequestNotPermitted.class,
            e -> Mono.just(new BizgoResult.RateLimited(LOCAL_RATE_LIMIT)))
        .onErrorResume(
            e -> !(e instanceof BizgoTransientException),
            e ->
                Mono.just(
                    new BizgoResult.Unavailable(
                        "CONNECTION", e.getClass().getSimpleName() + ": " + e.getMessage())));
  }

  private Mono<BizgoResult> classify(ClientResponse response, String idempotencyKey) {
    int status = response.statusCode().value();
    Duration retryAfter =
        RetryAfter.parse(response.headers().asHttpHeaders().getFirst(RetryAfter.HEADER), clock)
            .orElse(null);
    return response
        .bodyToMono(OmniResponse.class)
        .map(answer -> BizgoAnswers.classify(status, answer, idempotencyKey))
        .onErrorResume(
            WebClientException.class,
            e -> Mono.just(BizgoAnswers.classify(status, null, idempotencyKey)))
        .onErrorResume(
            org.springframework.core.codec.CodecException.class,
            e -> Mono.just(BizgoAnswers.classify(status, null, idempotencyKey)))
        .switchIfEmpty(Mono.fromSupplier(() -> BizgoAnswers.classify(status, null, idempotencyKey)))
        .map(result -> withRetryAfter(result, retryAfter));
  }

  private static BizgoResult withRetryAfter(BizgoResult result, Duration retryAfter) {
    if (retryAfter != null && result instanceof BizgoResult.RateLimited limited) {
      return new BizgoResult.RateLimited(limited.code(), retryAfter);
    }
    return result;
  }

  private static BizgoTransientException transientFailure(BizgoResult result) {
    return result instanceof BizgoResult.RateLimited limited
            && LOCAL_RATE_LIMIT.equals(limited.code())
        ? new LocallyRateLimitedException(result)
        : new BizgoTransientException(result);
  }

  private static void logResult(BizgoMessage message, BizgoResult result) {
    if (result instanceof BizgoResult.ConfigurationError e) {
      log.error(
          "BIZGO CONFIGURATION ERROR {} ({}) for {}: check parcelbell.notifier.bizgo.api-key"
              + " and sender-key; nothing can be sent until it is fixed",
          e.code(),
          e.reason(),
          message);
    } else if (result instanceof BizgoResult.Accepted a) {
      // DEBUG: the notification's own INFO line follows ("… is DISPATCHED"), and the msgKey is in
      // its history. Two INFO lines for every notification sent were about 3 % of the notifier's
      // CPU in the end-to-end benchmark.
      log.debug("Bizgo accepted {} as {}", message, a.msgKey());
    } else {
      log.warn("Bizgo did not accept {}: {}", message, result);
    }
  }
}
