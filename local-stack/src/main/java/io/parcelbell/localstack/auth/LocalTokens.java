package io.parcelbell.localstack.auth;

import io.parcelbell.localstack.StackOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens from the local stack's OpenID Connect provider (auth-server) for the stack's own tools -
 * the demo, the benchmarks, the end-to-end test - exactly as the banner's curl gets one: client
 * credentials of {@code parcelbell-cli}, which carries the VIEWER role.
 */
public final class LocalTokens {

  /** The dev client that reads the history (auth-server's application.yml). */
  public static final String VIEWER_CLIENT = "parcelbell-cli";

  public static final String VIEWER_CLIENT_SECRET = "local-cli-secret";

  /** The dev client with the OPERATOR role (exports). */
  public static final String OPERATOR_CLIENT = "parcelbell-ops";

  public static final String OPERATOR_CLIENT_SECRET = "local-ops-secret";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private LocalTokens() {}

  /** A fresh VIEWER access token (valid for five minutes). */
  public static String viewer(StackOptions options) {
    return clientCredentials(options, VIEWER_CLIENT, VIEWER_CLIENT_SECRET);
  }

  /** The header value for a fresh OPERATOR token. */
  public static String operatorBearer(StackOptions options) {
    return "Bearer " + clientCredentials(options, OPERATOR_CLIENT, OPERATOR_CLIENT_SECRET);
  }

  /** The dev client with the ADMIN role (destinations and flows). */
  public static final String ADMIN_CLIENT = "parcelbell-admin";

  public static final String ADMIN_CLIENT_SECRET = "local-admin-secret";

  public static String adminBearer(StackOptions options) {
    return "Bearer " + clientCredentials(options, ADMIN_CLIENT, ADMIN_CLIENT_SECRET);
  }

  private static String clientCredentials(StackOptions options, String client, String secret) {
    String basic =
        Base64.getEncoder()
            .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    var request =
        HttpRequest.newBuilder(URI.create(options.authUrl() + "/oauth2/token"))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
            .build();
    try {
      var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "no token from " + options.authUrl() + ": HTTP " + response.statusCode());
      }
      return JSON.readTree(response.body()).path("access_token").asString();
    } catch (IOException e) {
      throw new IllegalStateException("no token from " + options.authUrl() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a token", e);
    }
  }

  /** The header value for a fresh VIEWER token. */
  public static String viewerBearer(StackOptions options) {
    return "Bearer " + viewer(options);
  }
}
