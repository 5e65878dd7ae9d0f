package io.parcelbell.ingest.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.netty.channel.ChannelOption;
import io.parcelbell.ingest.config.IngestProperties;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;

/**
 * DeliveryAPI's {@code POST /v1/webhooks/register}: answers DeliveryAPI's request id. Transient
 * failures (5xx, timeouts, connection errors) are retried with backoff behind a circuit breaker; a
 * refusal (4xx) is final at once, since sending the same request again cannot change the answer.
 */
final class DeliveryApiClient {

  static final String RESILIENCE_INSTANCE = "deliveryapi";

  private final WebClient client;
  private final IngestProperties.DeliveryApi config;
  private final Retry retry;
  private final CircuitBreaker breaker;

  DeliveryApiClient(
      WebClient.Builder builder,
      IngestProperties.DeliveryApi config,
      Retry retry,
      CircuitBreaker breaker) {
    this.config = config;
    this.retry = retry;
    this.breaker = breaker;
    HttpClient http =
        HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
            .responseTimeout(config.timeout());
    this.client =
        builder
            .clone()
            .clientConnector(new ReactorClientHttpConnector(http))
            .baseUrl(config.baseUrl().toString())
            .defaultHeader(
                HttpHeaders.AUTHORIZATION, "Bearer " + config.apiKey() + ":" + config.apiSecret())
            .build();
  }

  Mono<String> register(RegisterShipmentCommand command) {
    var body =
        new RegisterBody(
            config.endpointId(),
            List.of(new Item(command.courierCode(), command.trackingNumber(), command.orderId())),
            true,
            new Metadata(
                command.orderId(),
                command.customerPhone(),
                command.customerName(),
                command.productName(),
                command.courierName()));
    // Breaker inside the retry: every attempt counts, and an open breaker is not retried.
    return attempt(body)
        .transformDeferred(CircuitBreakerOperator.of(breaker))
        .transformDeferred(RetryOperator.of(retry))
        .onErrorMap(DeliveryApiClient::toFailure);
  }

  private Mono<String> attempt(RegisterBody body) {
    return client
        .post()
        .uri("/v1/webhooks/register")
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .retrieve()
        .bodyToMono(JsonNode.class)
        // Belt and braces over responseTimeout: also bounds a body that trickles in.
        .timeout(config.timeout())
        .map(DeliveryApiClient::requestId);
  }

  /** Worth another attempt: DeliveryAPI did not answer, or answered that it failed. */
  static boolean isTransient(Throwable e) {
    if (e instanceof WebClientResponseException response) {
      return response.getStatusCode().is5xxServerError();
    }
    return e instanceof WebClientRequestException || e instanceof TimeoutException;
  }

  private static Throwable toFailure(Throwable e) {
    if (e instanceof RegistrationFailedException) {
      return e;
    }
    if (e instanceof WebClientResponseException response
        && response.getStatusCode().is4xxClientError()) {
      return RegistrationFailedException.rejected(
          "DeliveryAPI refused the registration: HTTP " + response.getStatusCode().value());
    }
    if (e instanceof CallNotPermittedException) {
      return RegistrationFailedException.unavailable(
          "DeliveryAPI is failing; registrations are paused (circuit open)", e);
    }
    return RegistrationFailedException.unavailable("DeliveryAPI could not be reached", e);
  }

  private static String requestId(JsonNode answer) {
    // Seen at the top level; tolerate a "data" envelope as DeliveryAPI's other answers use.
    JsonNode id = answer.path("requestId");
    if (!id.isString()) {
      id = answer.path("data").path("requestId");
    }
    if (!id.isString() || id.stringValue().isBlank()) {
      throw RegistrationFailedException.rejected("DeliveryAPI answered without a requestId");
    }
    return id.stringValue();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisterBody(String endpointId, List<Item> items, boolean recurring, Metadata metadata) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Item(String courierCode, String trackingNumber, String clientId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Metadata(
      String orderId,
      String customerPhone,
      String customerName,
      String productName,
      String courierName) {

    @Override
    public String toString() {
      return "Metadata[orderId=" + orderId + "]"; // never the phone number
    }
  }
}
