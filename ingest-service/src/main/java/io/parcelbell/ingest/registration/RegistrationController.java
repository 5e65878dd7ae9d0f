package io.parcelbell.ingest.registration;

import jakarta.validation.Valid;
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

  RegistrationController(DeliveryApiClient deliveryApi) {
    this.deliveryApi = deliveryApi;
  }

  @PostMapping("/api/shipments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Mono<Registered> register(@Valid @RequestBody RegisterShipmentRequest request) {
    return deliveryApi
        .register(request)
        .doOnNext(
            requestId ->
                log.info(
                    "registered {}:{} as DeliveryAPI request {} {}",
                    request.courierCode(),
                    request.trackingNumber(),
                    requestId,
                    request.metadata()))
        .map(Registered::new);
  }

  record Registered(String requestId) {}
}
