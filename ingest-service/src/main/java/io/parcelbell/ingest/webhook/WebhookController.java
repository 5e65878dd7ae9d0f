package io.parcelbell.ingest.webhook;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.ingest.problem.IngestException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * DeliveryAPI's webhook: check the media type, read the raw bytes (bounded), verify the signature,
 * only then parse, and answer 200 once Kafka acknowledged every item.
 */
@RestController
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

  @PostMapping("/api/webhook/delivery")
  Mono<WebhookAccepted> receive(ServerHttpRequest request) {
    var headers = request.getHeaders();
    return Mono.defer(
            () -> {
              metrics.received();
              requireJson(headers.getContentType());
              return bodyReader.read(request);
            })
        .map(
            body -> {
              verifier.verify(
                  single(headers, TIMESTAMP_HEADER, SignatureRejectedException.TIMESTAMP_MALFORMED),
                  single(headers, SIGNATURE_HEADER, SignatureRejectedException.SIGNATURE_MALFORMED),
                  body);
              return parser.parse(body);
            })
        .doOnNext(WebhookController::logReceived)
        .flatMap(publisher::publish)
        .map(accepted -> new WebhookAccepted(true, accepted))
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

  private static void logReceived(List<ShipmentStatusChanged> events) {
    // metadata prints its phone number masked (ShipmentMetadata.toString).
    events.forEach(
        e ->
            log.info(
                "webhook item {} {}:{} status={} {}",
                e.eventId(),
                e.courierCode(),
                e.trackingNumber(),
                e.status(),
                e.metadata()));
  }

  /** The answer DeliveryAPI expects once every item is safely in Kafka. */
  record WebhookAccepted(boolean received, int accepted) {}
}
