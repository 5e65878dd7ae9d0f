package io.parcelbell.localstack.sandbox;

import io.parcelbell.contracts.PhoneMasking;
import io.parcelbell.contracts.events.Channel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Produces the delivery report of an accepted message a little later and POSTs it, retrying like
 * Bizgo.
 */
final class DeliveryReporter {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReporter.class);
  static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneId.of("Asia/Seoul"));

  private final SandboxConfig config;
  private final SandboxStore store;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  DeliveryReporter(
      SandboxConfig config, SandboxStore store, Clock clock, ScheduledExecutorService scheduler) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.scheduler = scheduler;
  }

  void accepted(String msgKey, Channel channel, String to, String ref, Instant sendTime) {
    DeliveryOutcome.of(channel, to)
        .ifPresentOrElse(
            outcome ->
                scheduler.schedule(
                    () -> produce(msgKey, channel, ref, sendTime, outcome),
                    config.reportDelay().toMillis(),
                    TimeUnit.MILLISECONDS),
            () ->
                log.info(
                    "{} to {}: no report will ever come (sandbox rule 0000)",
                    msgKey,
                    PhoneMasking.mask(to)));
  }

  private void produce(
      String msgKey, Channel channel, String ref, Instant sendTime, DeliveryOutcome outcome) {
    ObjectNode report = Json.MAPPER.createObjectNode();
    report.put("msgKey", msgKey);
    report.put("serviceType", channel.name());
    report.put("msgType", SandboxChannel.msgType(channel));
    report.put("sendTime", REPORT_TIME.format(sendTime));
    report.put("reportTime", REPORT_TIME.format(clock.instant()));
    report.put("reportType", "RS");
    report.put("reportCode", outcome.reportCode());
    report.put("reportText", outcome.reportText());
    report.put("carrier", SandboxChannel.carrier(channel));
    report.put("ref", ref);
    store.saveReport(msgKey, report);
    post(report, 0);
  }

  /**
   * Posted asynchronously: at hundreds of sends a second, one report after another on one thread
   * would fall behind.
   */
  private void post(ObjectNode report, int retry) {
    String msgKey = report.get("msgKey").asString("");
    HttpRequest request =
        HttpRequest.newBuilder(config.reportUrl())
            .timeout(Duration.ofSeconds(5))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(report)))
            .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                log.warn(
                    "report {} to {} failed: {}", msgKey, config.reportUrl(), failure.toString());
              }
              delivered(report, retry, msgKey, failure == null ? response.statusCode() : -1);
              return null;
            });
  }

  private void delivered(ObjectNode report, int retry, String msgKey, int status) {
    if (status >= 200 && status < 300) {
      log.info(
          "report {} {} delivered to {}",
          msgKey,
          report.get("reportCode").asString(""),
          config.reportUrl());
    } else if (retry < config.reportRetries()) {
      long delay = config.retryBackoff().toMillis() << retry;
      log.warn("report {} answered {}; retry {} in {} ms", msgKey, status, retry + 1, delay);
      scheduler.schedule(() -> post(report, retry + 1), delay, TimeUnit.MILLISECONDS);
    } else {
      log.warn("report {} given up after {} retries (status {})", msgKey, retry, status);
    }
  }
}
