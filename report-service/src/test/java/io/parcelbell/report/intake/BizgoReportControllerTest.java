package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parcelbell.report.config.Access;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.store.RawReport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The webhook's HTTP contract with default settings (no trusted proxies). A mock request has no
 * peer address, so a test filter plays the peer from the {@code X-Test-Peer} header.
 */
@WebFluxTest(BizgoReportController.class)
// The real access rules (Access): the webhook takes no token.
@Import({ReportGuard.class, BizgoReportControllerTest.Seams.class, Access.class})
@EnableConfigurationProperties(ReportProperties.class)
class BizgoReportControllerTest {

  @TestConfiguration
  static class Seams {
    @Bean
    WebFilter testPeer() {
      return (exchange, chain) -> {
        String peer = exchange.getRequest().getHeaders().getFirst("X-Test-Peer");
        if (peer == null) {
          return chain.filter(exchange);
        }
        var address = new InetSocketAddress(Cidr.parseAddress(peer).orElseThrow(), 40000);
        return chain.filter(exchange.mutate().request(r -> r.remoteAddress(address)).build());
      };
    }

    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  @Autowired WebTestClient web;
  @Autowired MeterRegistry meters;
  @MockitoBean ReportIntake intake;

  @Test
  void storesAReportAndEchoesItsMsgKey() throws Exception {
    when(intake.accept(any(), any(), any())).thenReturn(Mono.empty());

    post(
            "127.0.0.1",
            Files.readAllBytes(io.parcelbell.report.bizgo.BizgoReportParserTest.VECTOR),
            "/webhook/bizgo/report")
        .expectStatus()
        .isOk()
        .expectHeader()
        .contentType(MediaType.APPLICATION_JSON)
        .expectBody()
        .json("{\"msgKey\":\"20260424104234546POM101182450000\"}", true);

    var stored = ArgumentCaptor.forClass(RawReport.class);
    var body = ArgumentCaptor.forClass(byte[].class);
    var client = ArgumentCaptor.forClass(java.net.InetAddress.class);
    verify(intake).accept(stored.capture(), body.capture(), client.capture());
    assertThat(stored.getValue().reportCode()).isEqualTo("64016");
    // The body travels as Bizgo sent it; the client is the resolved peer.
    assertThat(body.getValue())
        .isEqualTo(Files.readAllBytes(io.parcelbell.report.bizgo.BizgoReportParserTest.VECTOR));
    assertThat(client.getValue().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void theAlimtalkAliasIsTheSameEndpoint() {
    when(intake.accept(any(), any(), any())).thenReturn(Mono.empty());
    post(
            "::1",
            "{\"msgKey\":\"k1\",\"reportCode\":\"10000\"}".getBytes(),
            "/webhook/bizgo/alimtalk")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.msgKey")
        .isEqualTo("k1");
    verify(intake).accept(any(), any(), any());
  }

  @Test
  void aDisallowedSourceGetsTheSameAnswerButNothingIsStored() {
    post(
            "203.0.113.9",
            "{\"msgKey\":\"k2\",\"reportCode\":\"10000\"}".getBytes(),
            "/webhook/bizgo/report")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"k2\"}", true);
    verify(intake, never()).accept(any(), any(), any());
    assertThat(
            meters.counter("parcelbell.report.bizgo.requests", "outcome", "UNKNOWN_SOURCE").count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void aSpoofedForwardedForFromAnUntrustedPeerIsNotBelieved() {
    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Test-Peer", "203.0.113.9")
        .header("X-Forwarded-For", "127.0.0.1")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("{\"msgKey\":\"k3\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isOk();
    verify(intake, never()).accept(any(), any(), any());
  }

  @Test
  void junkIsAnsweredWithWhateverMsgKeyArrived() {
    post("127.0.0.1", "{\"msgKey\":\"k4\"}".getBytes(), "/webhook/bizgo/report")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"k4\"}", true);
    post("127.0.0.1", "garbage".getBytes(), "/webhook/bizgo/report")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":null}", true);
    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Test-Peer", "127.0.0.1")
        .accept(MediaType.TEXT_PLAIN)
        .exchange()
        .expectStatus()
        .isOk();
    verify(intake, never()).accept(any(), any(), any());
  }

  @Test
  void anyContentTypeIsReadAsTheReport() {
    when(intake.accept(any(), any(), any())).thenReturn(Mono.empty());
    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Test-Peer", "127.0.0.1")
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .bodyValue("{\"msgKey\":\"k6\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":\"k6\"}", true);
    web.post()
        .uri("/webhook/bizgo/report")
        .header("X-Test-Peer", "127.0.0.1")
        .contentType(MediaType.TEXT_PLAIN)
        .bodyValue("{\"msgKey\":\"k7\",\"reportCode\":\"10000\"}")
        .exchange()
        .expectStatus()
        .isOk();
    verify(intake, org.mockito.Mockito.times(2)).accept(any(), any(), any());
  }

  @Test
  void anOversizedBodyIsJunk() {
    String huge =
        "{\"msgKey\":\"k8\",\"reportCode\":\"10000\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
    post("127.0.0.1", huge.getBytes(), "/webhook/bizgo/report")
        .expectStatus()
        .isOk()
        .expectBody()
        .json("{\"msgKey\":null}", true);
    verify(intake, never()).accept(any(), any(), any());
  }

  @Test
  void aReportThatCouldNotBeStoredIsRefusedSoBizgoRetries() {
    when(intake.accept(any(), any(), any())).thenReturn(Mono.error(new TimeoutException()));
    post(
            "127.0.0.1",
            "{\"msgKey\":\"k5\",\"reportCode\":\"10000\"}".getBytes(),
            "/webhook/bizgo/report")
        .expectStatus()
        .isEqualTo(503)
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("REPORT_NOT_STORED");
  }

  private WebTestClient.ResponseSpec post(String peer, byte[] body, String path) {
    return web.post()
        .uri(path)
        .header("X-Test-Peer", peer)
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange();
  }
}
