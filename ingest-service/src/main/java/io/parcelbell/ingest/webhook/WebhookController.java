package io.parcelbell.ingest.webhook;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.ingest.problem.IngestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * DeliveryAPI's webhook: check the media type, read the raw bytes (bounded), verify the signature,
 * only then parse, and answer 200 once Kafka acknowledged every item.
 */
@RestController
@Tag(name = "DeliveryAPI webhook")
class WebhookController {

  static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";
  static final String SIGNATURE_HEADER = "X-Webhook-Signature";

  private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

  private final RawBodyReader bodyReader;
  private final SignatureVerifier verifier;
  private final DeliveryWebhookParser parser;
  private final ShipmentPublisher publisher;
  private final WebhookMetrics metrics;

  WebhookController(
      RawBodyReader bodyReader,
      SignatureVerifier verifier,
      DeliveryWebhookParser parser,
      ShipmentPublisher publisher,
      WebhookMetrics metrics) {
    this.bodyReader = bodyReader;
    this.verifier = verifier;
    this.parser = parser;
    this.publisher = publisher;
    this.metrics = metrics;
  }

  // The annotations only document: the parameter stays the raw ServerHttpRequest, so no message
  // reader ever touches the body the signature is computed over.
  @Operation(
      summary = "Receive DeliveryAPI shipment status changes",
      description =
          "HMAC-SHA256 over \"{X-Webhook-Timestamp}.{raw body}\" with the shared secret, checked"
              + " before the body is parsed. 200 once Kafka acknowledged every item.",
      parameters = {
        @Parameter(
            in = ParameterIn.HEADER,
            name = TIMESTAMP_HEADER,
            required = true,
            description = "Unix seconds; at most parcelbell.ingest.timestamp-tolerance from now",
            schema = @Schema(type = "string", example = "1767225600")),
        @Parameter(
            in = ParameterIn.HEADER,
            name = SIGNATURE_HEADER,
            required = true,
            description = "sha256=<lower-case hex HMAC-SHA256>",
            schema = @Schema(type = "string"))
      },
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              description = "DeliveryAPI's webhook body (one or more status changes), max 1 MB",
              content =
                  @Content(
                      mediaType = MediaType.APPLICATION_JSON_VALUE,
                      schema = @Schema(type = "object"))),
      responses = {
        @ApiResponse(
            responseCode = "200",
            description = "every item is in Kafka",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = WebhookAccepted.class))),
        @ApiResponse(
            responseCode = "400",
            description = "MALFORMED_JSON, MISSING_FIELD, INVALID_FIELD",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "401",
            description =
                "SIGNATURE_MISSING, SIGNATURE_MALFORMED, SIGNATURE_INVALID, TIMESTAMP_MISSING,"
                    + " TIMESTAMP_MALFORMED, TIMESTAMP_STALE",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "413",
            description = "PAYLOAD_TOO_LARGE",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "415",
            description = "UNSUPPORTED_MEDIA_TYPE (not application/json)",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "503",
            description = "PUBLISH_TIMEOUT, PUBLISH_FAILED: Kafka did not acknowledge; retry",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @PostMapping("/api/webhook/delivery")
  Mono<Void> receive(ServerHttpRequest request, ServerHttpResponse response) {
    var headers = request.getHeaders();
    Mono<List<ShipmentStatusChanged>> events =
        Mono.defer(
                () -> {
                  metrics.received();
                  requireJson(headers.getContentType());
                  return bodyReader.read(request);
                })
            .map(
                body -> {
                  verifier.verify(
                      single(
                          headers,
                          TIMESTAMP_HEADER,
                          SignatureRejectedException.TIMESTAMP_MALFORMED),
                      single(
                          headers,
                          SIGNATURE_HEADER,
                          SignatureRejectedException.SIGNATURE_MALFORMED),
                      body);
                  return parser.parse(body);
                });
    return logged(events)
        .flatMap(publisher::publish)
        .flatMap(accepted -> new WebhookAccepted(true, accepted).writeTo(response))
        .doOnError(IngestException.class, e -> metrics.rejected(e.code()));
  }

  /**
   * The header's one value, or null when absent. Two values are refused: a proxy and we might pick
   * different ones, and DeliveryAPI never sends two.
   */
  private static String single(HttpHeaders headers, String name, String codeWhenRepeated) {
    List<String> values = headers.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new SignatureRejectedException(codeWhenRepeated, name + " must be sent once");
    }
    return values.get(0);
  }

  private static void requireJson(MediaType contentType) {
    boolean json =
        contentType != null
            && "application".equalsIgnoreCase(contentType.getType())
            && ("json".equalsIgnoreCase(contentType.getSubtype())
                || "json".equalsIgnoreCase(contentType.getSubtypeSuffix()));
    if (!json) {
      throw new UnsupportedContentTypeException(String.valueOf(contentType));
    }
  }

  /**
   * DEBUG, not INFO: at thousands of webhooks a second a line per item cost about 8 % of ingest's
   * CPU (profiled) and says nothing the event in Kafka does not; report-service keeps each
   * shipment's history. Rejections are logged at INFO (ProblemAdvice).
   */
  private static Mono<List<ShipmentStatusChanged>> logged(
      Mono<List<ShipmentStatusChanged>> events) {
    if (!log.isDebugEnabled()) {
      return events;
    }
    // handle, not doOnNext: with context-propagation "limited" only handle and tap put the
    // request's trace id in the MDC. That restore costs on every webhook, so the operator is only
    // added while the line is logged. The level is checked per request, so a level changed at
    // runtime takes effect at once.
    return events.handle(
        (batch, sink) -> {
          logReceived(batch);
          sink.next(batch);
        });
  }

  private static void logReceived(List<ShipmentStatusChanged> events) {
    // metadata prints its phone number masked (ShipmentMetadata.toString).
    events.forEach(
        e ->
            log.debug(
                "webhook item {} {}:{} status={} {}",
                e.eventId(),
                e.courierCode(),
                e.trackingNumber(),
                e.status(),
                e.metadata()));
  }

  /** The answer DeliveryAPI expects once every item is safely in Kafka. */
  record WebhookAccepted(boolean received, int accepted) {

    /**
     * Written as bytes rather than returned for the JSON encoder: content negotiation and the
     * encoder's per-call annotation lookups were 7 % of a webhook's event-loop time, for two
     * fields.
     */
    Mono<Void> writeTo(ServerHttpResponse response) {
      byte[] json =
          ("{\"received\":" + received + ",\"accepted\":" + accepted + "}")
              .getBytes(StandardCharsets.US_ASCII);
      response.setStatusCode(HttpStatus.OK);
      response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
      response.getHeaders().setContentLength(json.length);
      return response.writeWith(Mono.just(response.bufferFactory().wrap(json)));
    }
  }
}
