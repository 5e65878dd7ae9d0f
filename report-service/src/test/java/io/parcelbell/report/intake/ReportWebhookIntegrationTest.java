package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real server on a real socket: the peer is loopback, which this configuration trusts as a
 * proxy, so X-Forwarded-For decides who the client is.
 */
@IntegrationTest
class ReportWebhookIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired RawReportStore reports;

  @Test
  void aReportFromAnAllowedClientIsStored() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, null)
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"" + msgKey + "\"}", true);

    // Kafka held it when we answered; MongoDB gets it from the report listener.
    RawReport stored = awaitStored(msgKey);
    assertThat(stored.reportText()).isEqualTo("성공");
    assertThat(stored.reportedAt()).isEqualTo("2026-04-24T01:42:36.120Z");
  }

  @Test
  void aClientBehindOurProxyInAnAllowedRangeIsAccepted() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, "198.51.100.1, 192.0.2.7").expectStatus().isOk();
    assertThat(awaitStored(msgKey)).isNotNull();
  }

  @Test
  void aClientOutsideTheAllowlistIsAnsweredButNotStored() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, "192.0.2.7, 203.0.113.9")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"" + msgKey + "\"}", true);
    // The report topic has one partition here, so once a report accepted after the refused one is
    // stored, the refused one would have been stored too had it been published.
    String marker = "MK-" + UUID.randomUUID();
    post(marker, null).expectStatus().isOk();
    awaitStored(marker);
    assertThat(reports.findById(RawReport.idOf(msgKey, "10000")).block()).isNull();
  }

  private RawReport awaitStored(String msgKey) {
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> reports.findById(RawReport.idOf(msgKey, "10000")).block(), Objects::nonNull);
  }

  private WebTestClient.ResponseSpec post(String msgKey, String forwardedFor) {
    String body =
        """
        {"msgKey":"%s","serviceType":"SMS","msgType":"SMS","sendTime":"2026-04-24T10:42:34.546+09:00",
         "reportTime":"2026-04-24T10:42:36.120+09:00","reportType":"RS","reportCode":"10000",
         "resultMsg":"성공","carrier":"SKT","ref":"cj:1:DELIVERED"}
        """
            .formatted(msgKey);
    var request = web.post().uri("/webhook/bizgo/report").contentType(MediaType.APPLICATION_JSON);
    if (forwardedFor != null) {
      request = request.header("X-Forwarded-For", forwardedFor);
    }
    return request.bodyValue(body).exchange();
  }
}
