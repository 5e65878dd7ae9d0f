package io.parcelbell.ingest.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sends the signed test vectors to ingest's webhook, as DeliveryAPI would. */
public final class SignedWebhooks {

  private SignedWebhooks() {}

  /** The compact vector with its published signature and timestamp (see {@link Vectors}). */
  public static WebTestClient.ResponseSpec postCompactVector(WebTestClient client) {
    return client
        .post()
        .uri("/api/webhook/delivery")
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Webhook-Timestamp", Vectors.TIMESTAMP)
        .header("X-Webhook-Signature", Vectors.COMPACT_SIGNATURE)
        .bodyValue(Vectors.compactBody())
        .exchange();
  }
}
