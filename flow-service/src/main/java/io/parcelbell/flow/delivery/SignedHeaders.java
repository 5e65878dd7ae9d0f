package io.parcelbell.flow.delivery;

import io.parcelbell.flow.destinations.DestinationDocument;
import io.parcelbell.flow.destinations.SecretCipher;
import io.parcelbell.flow.signing.DestinationSecrets;
import io.parcelbell.flow.signing.SigningSecret;
import io.parcelbell.flow.signing.WebhookSigner;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpHeaders;

/**
 * The headers of one attempt to a destination: its static headers (decrypted), the step's rendered
 * ones, then the Standard Webhooks headers signed now with every secret that signs at this moment
 * (two during a rotation), which nothing before them can override.
 */
final class SignedHeaders {

  private SignedHeaders() {}

  static HttpHeaders of(
      DestinationDocument destination,
      SecretCipher cipher,
      List<DeliveryDocument.Header> stepHeaders,
      String webhookId,
      String body,
      Instant at) {
    var secrets =
        new DestinationSecrets(
            SigningSecret.parse(cipher.decrypt(destination.secret())),
            destination.previousSecret() == null
                ? null
                : SigningSecret.parse(cipher.decrypt(destination.previousSecret())),
            destination.previousSecretUntil());
    var signed = WebhookSigner.sign(webhookId, at, body, secrets.signingAt(at));
    HttpHeaders headers = new HttpHeaders();
    if (destination.headers() != null) {
      destination.headers().forEach(h -> headers.set(h.name(), cipher.decrypt(h.value())));
    }
    stepHeaders.forEach(h -> headers.set(h.name(), h.value()));
    headers.set("webhook-id", signed.webhookId());
    headers.set("webhook-timestamp", signed.webhookTimestamp());
    headers.set("webhook-signature", signed.webhookSignature());
    headers.set(HttpHeaders.USER_AGENT, "parcelbell-flow/1");
    return headers;
  }
}
