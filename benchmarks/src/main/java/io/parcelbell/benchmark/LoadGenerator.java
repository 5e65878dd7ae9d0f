package io.parcelbell.benchmark;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Closed loop: {@code concurrency} workers each send one signed one-item webhook, wait for the
 * answer, and send the next, until the phase ends. So at most {@code concurrency} requests are in
 * flight, and every loop stops at its deadline.
 */
final class LoadGenerator {

  private static final String PATH = "/api/webhook/delivery";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final int concurrency;
  private final String secret;
  private final Clock clock;
  private final AtomicLong sequence = new AtomicLong();

  LoadGenerator(int concurrency, String secret, Clock clock) {
    this.concurrency = concurrency;
    this.secret = secret;
    this.clock = clock;
  }

  /**
   * Runs one window against {@code baseUrl}, recording into {@code recorder}; returns the elapsed
   * nanoseconds.
   */
  long run(String baseUrl, Duration duration, String runId, Recorder recorder) {
    ConnectionProvider pool =
        ConnectionProvider.builder("bench-" + runId)
            .maxConnections(concurrency)
            .pendingAcquireMaxCount(-1)
            .build();
    HttpClient http = HttpClient.create(pool).baseUrl(baseUrl).responseTimeout(REQUEST_TIMEOUT);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    Flux.range(0, concurrency)
        .flatMap(
            worker ->
                Mono.defer(() -> send(http, recorder, worker, runId))
                    .repeat(() -> System.nanoTime() < end),
            concurrency)
        .blockLast(duration.plus(REQUEST_TIMEOUT).plusSeconds(5));
    long elapsed = System.nanoTime() - start;
    pool.disposeLater().block(Duration.ofSeconds(5));
    return elapsed;
  }

  private Mono<Void> send(HttpClient http, Recorder recorder, int worker, String runId) {
    long n = sequence.incrementAndGet();
    byte[] body =
        ("{\"event\":\"tracking.status_changed\",\"items\":[{\"clientId\":\"ORD-"
                + n
                + "\",\"courierCode\":\"cj\",\"trackingNumber\":\"BENCH-"
                + runId
                + "-"
                + n
                + "\",\"currentStatus\":\"IN_TRANSIT\",\"isDelivered\":false,"
                + "\"trackingData\":{\"deliveryStatusText\":\"간선상차\",\"lastLocation\":\"대전HUB\"}}],"
                + "\"metadata\":{\"orderId\":\"ORD-"
                + n
                + "\",\"customerPhone\":\"01012345678\"}}")
            .getBytes(StandardCharsets.UTF_8);
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    String signature = sign(timestamp, body);
    long sent = System.nanoTime();
    return http.headers(
            h ->
                h.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set("X-Webhook-Timestamp", timestamp)
                    .set("X-Webhook-Signature", signature))
        .post()
        .uri(PATH)
        .send(ByteBufFlux.fromString(Mono.just(new String(body, StandardCharsets.UTF_8))))
        .responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
        .doOnNext(status -> recorder.record(worker, System.nanoTime() - sent, status))
        .onErrorResume(
            e -> {
              recorder.record(worker, System.nanoTime() - sent, -1);
              return Mono.empty();
            })
        .then();
  }

  private String sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
