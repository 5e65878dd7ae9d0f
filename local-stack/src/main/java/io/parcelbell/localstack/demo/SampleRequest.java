package io.parcelbell.localstack.demo;

import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.auth.LocalTokens;

/**
 * A bash snippet to paste into a terminal: a webhook with a fresh timestamp and tracking number,
 * signed with openssl, then a token from the local OpenID Connect provider and the history query.
 * The body has no {@code $}, backquote or backslash besides {@code $TN}, so the unquoted
 * here-document only substitutes the tracking number.
 */
public final class SampleRequest {

  private SampleRequest() {}

  public static String render(StackOptions options) {
    String body = DeliveryWebhook.body("$TN", options.demoPhone());
    return String.join(
        "\n",
        "TS=$(date +%s); TN=\"8${TS}0\"",
        "BODY=$(cat <<JSON",
        body,
        "JSON",
        ")",
        "SIG=$(printf '%s' \"$TS.$BODY\" | openssl dgst -sha256 -hmac '"
            + options.webhookSecret()
            + "' | sed 's/^.*= //')",
        "curl -sS -X POST " + options.ingestUrl() + "/api/webhook/delivery \\",
        "  -H 'Content-Type: application/json' -H \"X-Webhook-Timestamp: $TS\" \\",
        "  -H \"X-Webhook-Signature: sha256=$SIG\" --data-binary \"$BODY\"; echo",
        "TOKEN=$(curl -sS -u "
            + LocalTokens.VIEWER_CLIENT
            + ":"
            + LocalTokens.VIEWER_CLIENT_SECRET
            + " -d grant_type=client_credentials "
            + options.authUrl()
            + "/oauth2/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')",
        "sleep 3; curl -sS -H \"Authorization: Bearer $TOKEN\" \""
            + options.reportUrl()
            + "/api/notifications?trackingNumber=$TN\"; echo");
  }
}
