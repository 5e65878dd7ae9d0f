package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.report.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * On Kubernetes Spring Boot switches the server's forwarded-header handling on unless told not to,
 * and Netty would then take the peer from the left-most X-Forwarded-For hop - written by the
 * client. Here the platform is Kubernetes, no proxy is trusted and only TEST-NET-1 may post: a
 * request from loopback claiming to be 192.0.2.1 must still be refused.
 */
@IntegrationTest
@TestPropertySource(
    properties = {
      "spring.main.cloud-platform=kubernetes",
      "parcelbell.report.bizgo.allowed-ips=192.0.2.0/24",
      "parcelbell.report.bizgo.trusted-proxies="
    })
class ForwardedForOnKubernetesIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired MeterRegistry meters;

  @Test
  void aForwardedForWrittenByTheClientDoesNotMakeItBizgo() {
    double refused = refused();

    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Forwarded-For", "192.0.2.1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"msgKey\":\"K8S-SPOOF\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isOk();

    assertThat(refused()).isEqualTo(refused + 1);
  }

  private double refused() {
    var counter =
        meters.find("parcelbell.report.bizgo.requests").tag("outcome", "UNKNOWN_SOURCE").counter();
    return counter == null ? 0 : counter.count();
  }
}
