package io.parcelbell.flow.delivery;

import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.flow.config.ApiProblem;
import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.destinations.DestinationStore;
import io.parcelbell.flow.destinations.SecretCipher;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends one signed test message to a destination now, as a delivery would be sent (its headers, the
 * current signing secrets, the address policy), and answers what came back; nothing is stored or
 * retried, but the send is audit-logged (a request leaving the system) and a disabled destination
 * is refused. The body is {@code {"type":"parcelbell.test", ...}} so a receiver can ignore it.
 */
@Service
class TestSend {

  /**
   * What the receiver answered: its status (null without an answer), how fast, the start, the
   * error.
   */
  record Answer(
      String webhookId, Integer status, long latencyMs, String responseBody, String error) {}

  private final DestinationStore destinations;
  private final SecretCipher cipher;
  private final WebhookSender sender;
  private final AuditTrail audit;
  private final Clock clock;

  TestSend(
      DestinationStore destinations,
      SecretCipher cipher,
      WebhookSender sender,
      AuditTrail audit,
      Clock clock) {
    this.destinations = destinations;
    this.cipher = cipher;
    this.sender = sender;
    this.audit = audit;
    this.clock = clock;
  }

  Mono<Answer> send(String destinationId, ServerWebExchange exchange) {
    return destinations
        .find(destinationId)
        .switchIfEmpty(
            Mono.error(
                () ->
                    ApiProblem.notFound(
                        "DESTINATION_NOT_FOUND", "no destination " + destinationId)))
        .flatMap(
            destination ->
                destination.enabled()
                    ? audit
                        .record(
                            exchange,
                            AuditActions.DESTINATION_TEST,
                            new AuditTarget("destination", destinationId),
                            java.util.Map.of())
                        .then(send(destination))
                    : Mono.error(
                        new ApiProblem(
                            HttpStatus.CONFLICT,
                            "DESTINATION_DISABLED",
                            "destination "
                                + destinationId
                                + " is disabled ("
                                + destination.disabledReason()
                                + "); an admin enables it first")));
  }

  private Mono<Answer> send(DestinationDocument destination) {
    Instant now = clock.instant();
    String webhookId = "msg_test_" + UUID.randomUUID().toString().replace("-", "");
    String body =
        "{\"type\":\"parcelbell.test\",\"destinationId\":\""
            + destination.id()
            + "\",\"sentAt\":\""
            + now
            + "\",\"message\":\"A test from parcelbell: verify the signature, then answer 2xx.\"}";
    HttpHeaders headers = SignedHeaders.of(destination, cipher, List.of(), webhookId, body, now);
    return sender
        .send(URI.create(cipher.decrypt(destination.url())), headers, body)
        .map(
            sent ->
                new Answer(
                    webhookId,
                    sent.result().status(),
                    sent.latencyMs(),
                    sent.responseBody(),
                    sent.result().error()));
  }
}
