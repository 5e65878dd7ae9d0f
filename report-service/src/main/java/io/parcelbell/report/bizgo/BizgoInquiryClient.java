package io.parcelbell.report.bizgo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.store.RawReport;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Bizgo's report inquiry, {@code GET {base}/api/comm/v1/report/inquiry/{msgKey}}: the report of a
 * message whose webhook never reached us. Empty while Bizgo has none (A404); an error for any
 * answer we do not understand, so the caller leaves the attempt alone rather than guess.
 */
@Component
public class BizgoInquiryClient {

  static final String NOT_FOUND = "A404";
  private static final String OK = "A000";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final WebClient http;
  private final BizgoReportParser parser;
  private final Clock clock;

  public BizgoInquiryClient(
      WebClient.Builder http, ReportProperties properties, ObjectMapper json, Clock clock) {
    this.http =
        http.baseUrl(properties.bizgo().baseUrl())
            .defaultHeader("Authorization", properties.bizgo().apiKey())
            .build();
    this.parser = new BizgoReportParser(json);
    this.clock = clock;
  }

  public Mono<Optional<RawReport>> inquire(String msgKey) {
    return http.get()
        .uri("/api/comm/v1/report/inquiry/{msgKey}", msgKey)
        .retrieve()
        .bodyToMono(JsonNode.class)
        .timeout(TIMEOUT)
        .flatMap(answer -> read(msgKey, answer));
  }

  private Mono<Optional<RawReport>> read(String msgKey, JsonNode answer) {
    String auth = answer.path("common").path("authCode").asText();
    String code = answer.path("data").path("code").asText();
    if (OK.equals(auth) && NOT_FOUND.equals(code)) {
      return Mono.just(Optional.empty());
    }
    if (OK.equals(auth) && OK.equals(code)) {
      JsonNode report = answer.path("data").path("data");
      if (report instanceof ObjectNode fields && !fields.hasNonNull("msgKey")) {
        report = fields.deepCopy().put("msgKey", msgKey); // we asked for exactly this one
      }
      var parsed = parser.parse(report, clock.instant());
      if (parsed.report().isPresent() && msgKey.equals(parsed.msgKey())) {
        return Mono.just(parsed.report());
      }
    }
    return Mono.error(
        new IllegalStateException(
            "unexpected inquiry answer for " + msgKey + ": " + auth + "/" + code));
  }
}
