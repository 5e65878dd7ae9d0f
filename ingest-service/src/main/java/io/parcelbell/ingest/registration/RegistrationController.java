package io.parcelbell.ingest.registration;

import io.parcelbell.ingest.config.IngestProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Registers a parcel with DeliveryAPI for tracking. 202: DeliveryAPI accepted the request; status
 * changes then arrive at the webhook.
 */
@RestController
@Tag(name = "Shipment registration")
class RegistrationController {

  private static final Logger log = LoggerFactory.getLogger(RegistrationController.class);

  private final DeliveryApiClient deliveryApi;
  private final IngestProperties properties;

  RegistrationController(DeliveryApiClient deliveryApi, IngestProperties properties) {
    this.deliveryApi = deliveryApi;
    this.properties = properties;
  }

  @Operation(
      summary = "Register a parcel with DeliveryAPI for tracking",
      description = "202 once DeliveryAPI accepted it; status changes then arrive at the webhook.",
      responses = {
        @ApiResponse(
            responseCode = "202",
            description = "DeliveryAPI accepted the registration",
            content =
                @Content(
                    mediaType = "application/json",
                    schema = @Schema(implementation = Registered.class))),
        @ApiResponse(
            responseCode = "400",
            description = "MISSING_FIELD, INVALID_FIELD (with a JSON pointer), unreadable body",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "502",
            description = "DELIVERYAPI_REJECTED",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class))),
        @ApiResponse(
            responseCode = "503",
            description = "DELIVERYAPI_UNAVAILABLE (after retries, or the circuit is open)",
            content =
                @Content(
                    mediaType = "application/problem+json",
                    schema = @Schema(implementation = ProblemDetail.class)))
      })
  @PostMapping("/api/shipments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Registered> register(@RequestBody RegisterShipmentRequest request) {
    return Mono.fromCallable(() -> RegisterShipmentCommand.of(request, properties.couriers()))
        .flatMap(
            command ->
                deliveryApi
                    .register(command)
                    // handle restores the request's trace id in the MDC ("limited" propagation).
                    .<String>handle(
                        (requestId, sink) -> {
                          log.info(
                              "registered {}:{} order {} phone {} as DeliveryAPI request {}",
                              command.courierCode(),
                              command.trackingNumber(),
                              command.orderId(),
                              command.maskedPhone(),
                              requestId);
                          sink.next(requestId);
                        }))
        .map(Registered::new);
  }

  record Registered(String requestId) {}
}
