package io.parcelbell.flow.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Our deliveries verify with the Standard Webhooks reference library, as a receiver checks them,
 * and with the HMAC computed independently here; during a rotation both secrets verify, after it
 * only the new one.
 */
class WebhookSignerTest {

  static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void aDeliveryVerifiesWithTheReferenceLibraryAndTheSpecsConstruction() throws Exception {
    SigningSecret secret = SigningSecret.generate(RANDOM);
    Instant now = Instant.now();
    String body = "{\"text\":\"배송 완료: 주문 ORD-1, 010-****-5678\"}";

    var headers = WebhookSigner.sign("run-7:step-2", now, body, List.of(secret));

    assertThat(headers.webhookId()).isEqualTo("run-7:step-2");
    assertThat(headers.webhookTimestamp()).isEqualTo(Long.toString(now.getEpochSecond()));
    assertThat(headers.webhookSignature()).isEqualTo("v1," + hmac(secret, headers, body));
    verify(secret, headers, body); // throws if it does not
  }

  @Test
  void duringARotationBothSecretsVerifyAndAfterItOnlyTheNewOne() throws Exception {
    SigningSecret old = SigningSecret.generate(RANDOM);
    SigningSecret fresh = SigningSecret.generate(RANDOM);
    Instant rotatedAt = Instant.now();
    DestinationSecrets secrets = DestinationSecrets.of(old).rotatedTo(fresh, rotatedAt);
    String body = "{\"order\":\"ORD-2\"}";

    var during =
        WebhookSigner.sign("m1", Instant.now(), body, secrets.signingAt(rotatedAt.plusSeconds(60)));
    assertThat(during.webhookSignature().split(" ")).hasSize(2);
    verify(old, during, body);
    verify(fresh, during, body);

    var after =
        WebhookSigner.sign(
            "m2",
            Instant.now(),
            body,
            secrets.signingAt(rotatedAt.plus(DestinationSecrets.OVERLAP).plusSeconds(1)));
    verify(fresh, after, body);
    assertThatThrownBy(() -> verify(old, after, body))
        .isInstanceOf(WebhookVerificationException.class);
  }

  @Test
  void secretsAreWhsecBase64OfAtLeast24BytesAndNeverPrinted() {
    SigningSecret generated = SigningSecret.generate(RANDOM);

    assertThat(generated.encoded()).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(generated.encoded().substring(6))).hasSize(32);
    assertThat(SigningSecret.parse(generated.encoded())).isEqualTo(generated);
    assertThat(generated.toString()).doesNotContain(generated.encoded().substring(6));
    assertThatThrownBy(
            () -> SigningSecret.parse("whsec_" + Base64.getEncoder().encodeToString(new byte[23])))
        .hasMessageContaining("24");
    assertThatThrownBy(() -> SigningSecret.parse("secret")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> SigningSecret.parse("whsec_not base64!"))
        .hasMessageContaining("base64");
  }

  private static void verify(SigningSecret secret, WebhookSigner.SignedHeaders h, String body)
      throws WebhookVerificationException {
    new Webhook(secret.encoded())
        .verify(
            body,
            Map.of(
                "webhook-id", List.of(h.webhookId()),
                "webhook-timestamp", List.of(h.webhookTimestamp()),
                "webhook-signature", List.of(h.webhookSignature())));
  }

  /**
   * The spec's construction, by hand: base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).
   */
  private static String hmac(SigningSecret secret, WebhookSigner.SignedHeaders h, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.key(), "HmacSHA256"));
    byte[] signed =
        mac.doFinal(
            (h.webhookId() + "." + h.webhookTimestamp() + "." + body)
                .getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(signed);
  }
}
