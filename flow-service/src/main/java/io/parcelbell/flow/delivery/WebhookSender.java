package io.parcelbell.flow.delivery;

import io.parcelbell.flow.config.FlowProperties;
import io.parcelbell.flow.destinations.DestinationAddressPolicy;
import io.parcelbell.flow.destinations.DestinationRefusedException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * POSTs one attempt. The destination's host is re-resolved and checked against the address policy
 * first (off the event loop), and the connection may only use the addresses that check passed
 * ({@link VettedAddresses}). Redirects are never followed (a 3xx is the answer). The whole attempt
 * is bounded by {@code parcelbell.flow.delivery-timeout}; the answer's first 4 KiB are kept.
 */
@Component
public class WebhookSender {

  /** What an attempt got: its result, how long it took, the start of the answer's body. */
  public record Sent(AttemptResult result, long latencyMs, String responseBody) {}

  /** How long the start of an answer's body is waited for, once its status is known. */
  private static final Duration BODY_READ = Duration.ofSeconds(2);

  private final WebClient client;
  private final VettedAddresses vetted = new VettedAddresses();
  private final DestinationAddressPolicy policy;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(
      WebClient.Builder builder,
      DestinationAddressPolicy policy,
      FlowProperties properties,
      Clock clock) {
    this.policy = policy;
    this.timeout = properties.deliveryTimeout();
    this.clock = clock;
    HttpClient http =
        HttpClient.create(
                ConnectionProvider.builder("flow-webhooks")
                    .maxConnections(500)
                    .pendingAcquireMaxCount(10_000)
                    .maxIdleTime(Duration.ofSeconds(30))
                    .build())
            .resolver(vetted)
            .followRedirect(false)
            .responseTimeout(properties.deliveryTimeout());
    this.client = builder.clientConnector(new ReactorClientHttpConnector(http)).build();
  }

  public Mono<Sent> send(URI url, HttpHeaders headers, String body) {
    long start = System.nanoTime();
    return Mono.fromCallable(() -> policy.addressesFor(url.getHost()))
        .subscribeOn(Schedulers.boundedElastic())
        .doOnNext(addresses -> vetted.vetted(url.getHost(), addresses))
        .then(
            client
                .post()
                .uri(url)
                .headers(h -> h.addAll(headers))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body.getBytes(StandardCharsets.UTF_8))
                .exchangeToMono(
                    response ->
                        // The status decides; the body is only kept for the operator, so a slow
                        // or endless one is cut short rather than turning a 200 into a retry.
                        firstBytes(response.bodyToFlux(DataBuffer.class))
                            .timeout(BODY_READ, Mono.just(""))
                            .defaultIfEmpty("")
                            .map(
                                text ->
                                    new Sent(
                                        AttemptResult.answered(
                                            response.statusCode().value(),
                                            retryAfter(
                                                response
                                                    .headers()
                                                    .asHttpHeaders()
                                                    .getFirst(HttpHeaders.RETRY_AFTER))),
                                        millisSince(start),
                                        text))))
        .timeout(timeout)
        .onErrorResume(
            e ->
                Mono.just(new Sent(AttemptResult.noAnswer(describe(e)), millisSince(start), null)));
  }

  private static Mono<String> firstBytes(reactor.core.publisher.Flux<DataBuffer> body) {
    return DataBufferUtils.takeUntilByteCount(body, DeliveryDocument.RESPONSE_BODY_LIMIT)
        .collect(
            ByteArrayOutputStream::new,
            (out, buffer) -> {
              try {
                int room = DeliveryDocument.RESPONSE_BODY_LIMIT - out.size();
                int n = Math.min(room, buffer.readableByteCount());
                if (n > 0) {
                  byte[] bytes = new byte[n];
                  buffer.read(bytes);
                  out.write(bytes, 0, n);
                }
              } finally {
                DataBufferUtils.release(buffer);
              }
            })
        .map(out -> out.toString(StandardCharsets.UTF_8));
  }

  private Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        var at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(clock.instant(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static String describe(Throwable e) {
    if (e instanceof TimeoutException) {
      return "no complete answer within the timeout";
    }
    if (e instanceof DestinationRefusedException refused) {
      return "refused by the address policy: " + refused.code() + " " + refused.getMessage();
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
