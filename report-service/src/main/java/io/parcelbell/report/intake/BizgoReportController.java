package io.parcelbell.report.intake;

import io.micrometer.core.instrument.MeterRegistry;
import io.parcelbell.contracts.tracing.InTrace;
import io.parcelbell.report.bizgo.BizgoReportParser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/**
 * Bizgo's delivery report webhook. Bizgo retries anything but a 200 and blocks accounts that fail
 * too often, so every request gets 200 {@code {"msgKey": ...}} — even one we refuse or cannot read
 * — with one exception: a report Kafka did not acknowledge within the deadline gets 503, because
 * acknowledging it could lose it, and a retry is the lesser evil. MongoDB is not on this path.
 */
@RestController
@Tag(name = "Bizgo delivery reports")
class BizgoReportController {

  private static final Logger log = LoggerFactory.getLogger(BizgoReportController.class);

  /** One report is a few hundred bytes; anything this big is not one. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  record Ack(String msgKey) {}

  private final ReportGuard guard;
  private final ReportIntake intake;
  private final ObjectMapper json;
  private final BizgoReportParser parser;
  private final MeterRegistry meters;
  private final Clock clock;

  BizgoReportController(
      ReportGuard guard,
      ReportIntake intake,
      ObjectMapper json,
      MeterRegistry meters,
      Clock clock) {
    this.guard = guard;
    this.intake = intake;
    this.json = json;
    this.parser = new BizgoReportParser(json);
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * The body is read as raw bytes whatever its Content-Type says (a form type, none at all):
   * letting a message reader pick would turn a label we do not care about into a 415.
   */
  // Documentation only: the parameter stays the raw ServerHttpRequest, the body raw bytes.
  @Operation(
      summary = "Receive a Bizgo delivery report",
      description =
          "Accepted from parcelbell.report.bizgo.allowed-ips only (X-Forwarded-For believed from"
              + " trusted-proxies). Answered 200 {\"msgKey\"} even when ignored (refused source, bad"
              + " signature, unreadable body), because Bizgo retries anything else.",
      parameters = {
        @Parameter(
            in = ParameterIn.HEADER,
            name = ReportGuard.TIMESTAMP_HEADER,
            description = "required when parcelbell.report.bizgo.signature-secret is set",
            schema = @Schema(type = "string")),
        @Parameter(
            in = ParameterIn.HEADER,
            name = ReportGuard.SIGNATURE_HEADER,
            description =
                "HMAC-SHA256(secret, X-IB-Timestamp), hex or Base64; required when the secret is set",
            schema = @Schema(type = "string"))
      },
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              description =
                  "One report: msgKey, serviceType (ALIMTALK|SMS|LMS), msgType, sendTime,"
                      + " reportTime, reportType, reportCode, reportText, carrier, ref (max 64 KiB)",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(type = "object"))),
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "received (or deliberately ignored)",
            content =
                @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Ack.class))),
        @ApiResponse(
            responseCode = "503",
            description = "REPORT_NOT_STORED: Kafka did not acknowledge in time; Bizgo retries",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @PostMapping(path = {"/webhook/bizgo/report", "/webhook/bizgo/alimtalk"})
  Mono<ResponseEntity<Object>> receive(ServerHttpRequest request) {
    return DataBufferUtils.join(request.getBody(), MAX_BODY_BYTES)
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .onErrorResume(DataBufferLimitException.class, tooLarge -> Mono.just(new byte[0]))
        .defaultIfEmpty(new byte[0])
        .flatMap(body -> handle(request, body));
  }

  private Mono<ResponseEntity<Object>> handle(ServerHttpRequest request, byte[] body) {
    var parsed = parser.parse(body, clock.instant());
    var ack = ack(parsed.msgKey());
    var verdict = guard.check(request, body);
    if (verdict != ReportGuard.Verdict.ACCEPTED) {
      count(verdict.name());
      // No body in the log: we do not know who wrote it.
      return InTrace.<Void>run(
              () ->
                  log.warn(
                      "ignored report request from {}: {}",
                      guard.clientOf(request).map(Object::toString).orElse("unknown"),
                      verdict))
          .thenReturn(ack);
    }
    if (parsed.report().isEmpty()) {
      count("MALFORMED");
      return InTrace.<Void>run(
              () -> log.warn("ignored unreadable report (msgKey {})", parsed.msgKey()))
          .thenReturn(ack);
    }
    return intake
        .accept(parsed.report().get(), body, guard.clientOf(request).orElse(null))
        .then(
            Mono.fromRunnable(
                () -> {
                  guard.stored(request, body);
                  count("STORED");
                }))
        .thenReturn(ack)
        .onErrorResume(
            e -> {
              count("NOT_STORED");
              return InTrace.<Void>run(
                      () ->
                          log.error(
                              "report {} not stored, asking Bizgo to retry: {}",
                              parsed.msgKey(),
                              e.toString()))
                  .thenReturn(notStored());
            });
  }

  /**
   * Pre-rendered with an explicit content type, so no Accept header Bizgo might send can turn the
   * 200 into a 406.
   */
  private ResponseEntity<Object> ack(String msgKey) {
    byte[] body;
    try {
      body = json.writeValueAsBytes(new Ack(msgKey));
    } catch (tools.jackson.core.JacksonException e) {
      throw new IllegalStateException("a record of one string always serializes", e);
    }
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private void count(String outcome) {
    meters.counter("parcelbell.report.bizgo.requests", "outcome", outcome).increment();
  }

  private static ResponseEntity<Object> notStored() {
    var problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.SERVICE_UNAVAILABLE, "report not stored, retry");
    problem.setProperty("code", "REPORT_NOT_STORED");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
