package io.parcelbell.ingest.registration;

import io.parcelbell.ingest.config.IngestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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
class RegistrationController {

  private static final Logger log = LoggerFactory.getLogger(RegistrationController.class);

  private final DeliveryApiClient deliveryApi;
  private final IngestProperties properties;

  RegistrationController(DeliveryApiClient deliveryApi, IngestProperties properties) {
    this.deliveryApi = deliveryApi;
    this.properties = properties;
  }

  @PostMapping("/api/shipments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Registered> register(@RequestBody RegisterShipmentRequest request) {
    return Mono.fromCallable(() -> RegisterShipmentCommand.of(request, properties.couriers()))
        .flatMap(
            command ->
                deliveryApi
                    .register(command)
                    .doOnNext(
                        requestId ->
                            log.info(
                                "registered {}:{} order {} phone {} as DeliveryAPI request {}",
                                command.courierCode(),
                                command.trackingNumber(),
                                command.orderId(),
                                command.maskedPhone(),
                                requestId)))
        .map(Registered::new);
  }

  record Registered(String requestId) {}
}
