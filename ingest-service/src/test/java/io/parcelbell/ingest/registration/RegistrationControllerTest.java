package io.parcelbell.ingest.registration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

@WebFluxTest(controllers = RegistrationController.class)
class RegistrationControllerTest {

  @Autowired WebTestClient client;
  @MockitoBean DeliveryApiClient deliveryApi;

  private WebTestClient.ResponseSpec post(String json) {
    return client
        .post()
        .uri("/api/shipments")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange();
  }

  @Test
  void answers202WithDeliveryApisRequestId() {
    when(deliveryApi.register(any())).thenReturn(Mono.just("req-42"));

    post("""
            {"courierCode":"cj","trackingNumber":"123456789012","clientId":"ORD-1",
             "metadata":{"orderId":"ORD-1","customerPhone":"01012345678"}}""")
        .expectStatus()
        .isAccepted()
        .expectBody()
        .json("{\"requestId\":\"req-42\"}", true);
  }

  @Test
  void aMissingTrackingNumberIs400WithItsPointerAndNothingIsRegistered() {
    post("{\"courierCode\":\"cj\"}")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("MISSING_FIELD")
        .jsonPath("$.pointer")
        .isEqualTo("/trackingNumber");
    verify(deliveryApi, never()).register(any());
  }

  @Test
  void malformedJsonIs400() {
    post("{\"courierCode\":")
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("MALFORMED_JSON");
  }

  @Test
  void aRefusalByDeliveryApiIs502() {
    when(deliveryApi.register(any()))
        .thenReturn(Mono.error(RegistrationFailedException.rejected("HTTP 400")));

    post("{\"courierCode\":\"cj\",\"trackingNumber\":\"1\"}")
        .expectStatus()
        .isEqualTo(502)
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(RegistrationFailedException.REJECTED);
  }

  @Test
  void anUnreachableDeliveryApiIs503() {
    when(deliveryApi.register(any()))
        .thenReturn(
            Mono.error(RegistrationFailedException.unavailable(new RuntimeException("down"))));

    post("{\"courierCode\":\"cj\",\"trackingNumber\":\"1\"}")
        .expectStatus()
        .isEqualTo(503)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(RegistrationFailedException.UNAVAILABLE);
  }
}
