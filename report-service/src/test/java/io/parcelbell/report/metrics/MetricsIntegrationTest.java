package io.parcelbell.report.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.bizgo.BizgoInquiryClient;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.Dispatches;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What /actuator/prometheus shows after real settlements: the numbers the alerts are built on. */
@IntegrationTest
class MetricsIntegrationTest {

  static final Instant LONG_AGO = Instant.parse("2019-01-01T00:00:00Z");

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired NotificationStore notifications;
  @Autowired ReportMetrics metrics;
  @Autowired RetryRegistry retries;
  @Autowired CircuitBreakerRegistry breakers;

  @Test
  void aSettlementIsCountedOnceByChannelStateAndCode() {
    Events shipment = Events.freshShipment();
    Map<String, String> failedAlimtalk =
        Map.of("channel", "ALIMTALK", "state", "FAILED", "code", "64016");
    double before = value(scrape(), "parcelbell_report_settlements_total", failedAlimtalk);
    double deliveredBefore =
        value(
            scrape(),
            "parcelbell_report_settlements_total",
            Map.of("channel", "ALIMTALK", "state", "DELIVERED", "code", "10000"));

    Dispatches.firstAlimtalk(kafka, notifications, shipment);
    String report = shipment.report(Channel.ALIMTALK, "64016", "카카오톡 미사용자");
    for (int i = 0; i < 3; i++) {
      post(report);
    }

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                value(scrape(), "parcelbell_report_settlements_total", failedAlimtalk)
                    == before + 1);
    String text = scrape();
    assertThat(
            value(
                text,
                "parcelbell_report_settlements_total",
                Map.of("channel", "ALIMTALK", "state", "DELIVERED", "code", "10000")))
        .isEqualTo(deliveredBefore);
    assertThat(value(text, "parcelbell_report_last_report_age_seconds", Map.of()))
        .isBetween(0.0, 60.0);
    // Names and labels only: a sample value such as 0.675678517 may contain the digits by chance.
    String withoutValues =
        text.replaceAll("(?m)} \\S+( \\S+)?$", "}").replaceAll("(?m)^([a-zA-Z_:]+) \\S+$", "$1");
    assertThat(withoutValues).doesNotContain("010-").doesNotContain("5678");
  }

  @Test
  void aSynchronousRejectionIsASettlementTooSoTheFailureRateSeesIt() {
    Events shipment = Events.freshShipment();
    Map<String, String> rejectedSms = Map.of("channel", "SMS", "state", "FAILED", "code", "A306");
    double before = value(scrape(), "parcelbell_report_settlements_total", rejectedSms);

    for (int i = 0; i < 2; i++) { // redelivered: counted once
      kafka
          .send(
              io.parcelbell.contracts.Topics.NOTIFICATION_LIFECYCLE,
              shipment.rejected(Channel.SMS, 2, true).shipmentKey(),
              shipment.rejected(Channel.SMS, 2, true))
          .join();
    }

    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                value(scrape(), "parcelbell_report_settlements_total", rejectedSms) == before + 1);
  }

  @Test
  void theOldestPendingAttemptsAgeIsReadByTheRefresh() {
    String id = "cj:M" + System.nanoTime() + ":DELIVERED";
    String msgKey = "MK-oldest-" + id;
    notifications
        .ensure(
            new NotificationSeed(id, "cj", id, "DELIVERED", null, "010-****-0002"),
            NotificationState.PENDING,
            null,
            LONG_AGO)
        .block();
    notifications
        .addAttempt(
            id,
            new AttemptDocument(
                msgKey,
                Channel.SMS,
                2,
                msgKey,
                AttemptState.PENDING,
                null,
                null,
                true,
                LONG_AGO,
                null,
                null),
            LONG_AGO)
        .block();

    metrics.refresh().block();
    double expected = Duration.between(LONG_AGO, Instant.now()).toSeconds();
    assertThat(value(scrape(), "parcelbell_report_pending_oldest_age_seconds", Map.of()))
        .isCloseTo(expected, within(120.0));

    // Once it is settled it no longer counts (and no other test sees it pending).
    notifications
        .settleAttempt(msgKey, AttemptState.EXPIRED, null, "test", Instant.now(), Instant.now())
        .block();
    metrics.refresh().block();
    assertThat(value(scrape(), "parcelbell_report_pending_oldest_age_seconds", Map.of()))
        .isLessThan(expected - 3600);
  }

  @Test
  void theInquiryRetryAndBreakerAreConfiguredFromApplicationYml() {
    var retry = retries.retry(BizgoInquiryClient.RESILIENCE_NAME).getRetryConfig();
    assertThat(retry.getMaxAttempts()).isEqualTo(3);
    var breaker =
        breakers.circuitBreaker(BizgoInquiryClient.RESILIENCE_NAME).getCircuitBreakerConfig();
    assertThat(breaker.getFailureRateThreshold()).isEqualTo(50);
    assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(5);
  }

  private void post(String body) {
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private String scrape() {
    return web.get()
        .uri("/actuator/prometheus")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  /** The sample of {@code name} whose labels include {@code labels}; 0 when there is none. */
  static double value(String exposition, String name, Map<String, String> labels) {
    Pattern sample =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$", Pattern.MULTILINE);
    Matcher m = sample.matcher(exposition);
    while (m.find()) {
      String found = m.group(1) == null ? "" : m.group(1);
      boolean all =
          labels.entrySet().stream()
              .allMatch(e -> found.contains(e.getKey() + "=\"" + e.getValue() + "\""));
      if (all) {
        return Double.parseDouble(m.group(2));
      }
    }
    return 0;
  }
}
