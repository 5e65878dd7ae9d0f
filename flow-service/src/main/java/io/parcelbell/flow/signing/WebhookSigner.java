package io.parcelbell.flow.signing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Standard Webhooks headers of one delivery attempt: {@code webhook-id} (stable per run and
 * step, so every retry carries the same one and a receiver can deduplicate), {@code
 * webhook-timestamp} (seconds) and {@code webhook-signature} ({@code v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>} per signing secret, space-separated). The signatures are the reference
 * library's, which is what receivers verify with.
 */
public final class WebhookSigner {

  private WebhookSigner() {}

  public record SignedHeaders(String webhookId, String webhookTimestamp, String webhookSignature) {}

  public static SignedHeaders sign(
      String webhookId, Instant at, String body, List<SigningSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("nothing to sign with");
    }
    long timestamp = at.getEpochSecond();
    String signatures =
        secrets.stream()
            .map(secret -> signature(secret, webhookId, timestamp, body))
            .collect(Collectors.joining(" "));
    return new SignedHeaders(webhookId, Long.toString(timestamp), signatures);
  }

  private static String signature(SigningSecret secret, String id, long timestamp, String body) {
    try {
      return new Webhook(secret.key()).sign(id, timestamp, body);
    } catch (WebhookSigningException e) {
      throw new IllegalStateException("cannot sign webhook " + id, e);
    }
  }
}
