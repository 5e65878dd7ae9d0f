package io.parcelbell.ingest.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.ingest.config.IngestProperties;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/** DeliveryAPI's {@code POST /v1/webhooks/register}: answers DeliveryAPI's request id. */
final class DeliveryApiClient {

  private final WebClient client;
  private final IngestProperties.DeliveryApi config;

  DeliveryApiClient(WebClient.Builder builder, IngestProperties.DeliveryApi config) {
    this.config = config;
    this.client =
        builder
            .baseUrl(config.baseUrl().toString())
            .defaultHeader(
                HttpHeaders.AUTHORIZATION, "Bearer " + config.apiKey() + ":" + config.apiSecret())
            .build();
  }

  Mono<String> register(RegisterShipmentRequest request) {
    var body =
        new RegisterBody(
            config.endpointId(),
            List.of(new Item(request.courierCode(), request.trackingNumber(), request.clientId())),
            true,
            Metadata.of(request.metadata()));
    return client
        .post()
        .uri("/v1/webhooks/register")
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .retrieve()
        .bodyToMono(JsonNode.class)
        .timeout(config.timeout())
        .map(DeliveryApiClient::requestId)
        .onErrorMap(
            WebClientResponseException.class,
            e ->
                e.getStatusCode().is4xxClientError()
                    ? RegistrationFailedException.rejected(
                        "DeliveryAPI refused the registration: HTTP " + e.getStatusCode().value())
                    : RegistrationFailedException.unavailable(e))
        .onErrorMap(
            e -> !(e instanceof RegistrationFailedException),
            RegistrationFailedException::unavailable);
  }

  private static String requestId(JsonNode answer) {
    // Seen at the top level; tolerate a "data" envelope as DeliveryAPI's other answers use.
    JsonNode id = answer.path("requestId");
    if (!id.isTextual()) {
      id = answer.path("data").path("requestId");
    }
    if (!id.isTextual() || id.textValue().isBlank()) {
      throw RegistrationFailedException.rejected("DeliveryAPI answered without a requestId");
    }
    return id.textValue();
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RegisterBody(String endpointId, List<Item> items, boolean recurring, Metadata metadata) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Item(String courierCode, String trackingNumber, String clientId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Metadata(
      String orderId,
      String customerPhone,
      String customerName,
      String productName,
      String courierName) {

    static Metadata of(ShipmentMetadata m) {
      return new Metadata(
          m.orderId(), m.customerPhone(), m.customerName(), m.productName(), m.courierName());
    }

    @Override
    public String toString() {
      return "Metadata[orderId=" + orderId + "]"; // never the phone number
    }
  }
}
