package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.IntegrationTest;
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
  void aReportFromAnAllowedClientIsStoredBeforeTheAnswer() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, null)
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"" + msgKey + "\"}", true);

    RawReport stored = reports.findById(RawReport.idOf(msgKey, "10000")).block();
    assertThat(stored).isNotNull();
    assertThat(stored.reportText()).isEqualTo("성공");
    assertThat(stored.reportedAt()).isEqualTo("2026-04-24T01:42:36.120Z");
  }

  @Test
  void aClientBehindOurProxyInAnAllowedRangeIsAccepted() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, "198.51.100.1, 192.0.2.7").expectStatus().isOk();
    assertThat(reports.findById(RawReport.idOf(msgKey, "10000")).block()).isNotNull();
  }

  @Test
  void aClientOutsideTheAllowlistIsAnsweredButNotStored() {
    String msgKey = "MK-" + UUID.randomUUID();
    post(msgKey, "192.0.2.7, 203.0.113.9")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"" + msgKey + "\"}", true);
    assertThat(reports.findById(RawReport.idOf(msgKey, "10000")).block()).isNull();
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
