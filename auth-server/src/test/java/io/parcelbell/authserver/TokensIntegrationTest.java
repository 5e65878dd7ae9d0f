package io.parcelbell.authserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens the services will see, from the running provider over HTTP: what each client and user
 * gets, through the same flows the console and the order system use.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.security.oauth2.authorizationserver.issuer=http://localhost:9000")
class TokensIntegrationTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void aProgramThatReadsTheHistoryGetsTheViewerRoleAndTheParcelbellAudience() throws Exception {
    JsonNode claims = claims(clientCredentials("parcelbell-cli", "local-cli-secret", null));

    assertThat(claims.get("iss").asString()).isEqualTo("http://localhost:9000");
    assertThat(claims.get("sub").asString()).isEqualTo("parcelbell-cli");
    assertThat(strings(claims.get("aud"))).contains("parcelbell");
    assertThat(strings(claims.get("roles"))).containsExactly("VIEWER");
  }

  @Test
  void anOperatorsScriptGetsTheOperatorRole() throws Exception {
    JsonNode claims = claims(clientCredentials("parcelbell-ops", "local-ops-secret", null));

    assertThat(claims.get("sub").asString()).isEqualTo("parcelbell-ops");
    assertThat(claims.get("client_id").asString()).isEqualTo("parcelbell-ops");
    assertThat(strings(claims.get("roles"))).containsExactly("OPERATOR");
  }

  @Test
  void anAdminsScriptGetsTheAdminRole() throws Exception {
    JsonNode claims = claims(clientCredentials("parcelbell-admin", "local-admin-secret", null));

    assertThat(claims.get("client_id").asString()).isEqualTo("parcelbell-admin");
    assertThat(strings(claims.get("roles"))).containsExactly("ADMIN");
  }

  @Test
  void theOrderSystemGetsTheShipmentsWriteScopeAndNoRole() throws Exception {
    JsonNode claims =
        claims(clientCredentials("shop-orders", "local-shop-orders-secret", "shipments:write"));

    assertThat(strings(claims.get("scope"))).containsExactly("shipments:write");
    assertThat(claims.has("roles")).isFalse();
  }

  @Test
  void aWrongClientSecretGetsNoToken() throws Exception {
    var response =
        tokenRequest("parcelbell-cli", "wrong", Map.of("grant_type", "client_credentials"));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void anOperatorSigningInToTheConsoleGetsTheOperatorRoleAndName() throws Exception {
    String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    String redirect = "http://localhost:8085/login/oauth2/code/parcelbell";
    String authorize =
        "/oauth2/authorize?"
            + form(
                Map.of(
                    "response_type", "code",
                    "client_id", "parcelbell-console",
                    "scope", "openid profile",
                    "redirect_uri", redirect,
                    "state", "s1",
                    "code_challenge", challenge,
                    "code_challenge_method", "S256"));

    // Not signed in: to the login page, which carries the CSRF token to post back.
    assertThat(get(authorize).headers().firstValue("Location").orElseThrow()).endsWith("/login");
    String page = get("/login").body();
    var csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
    assertThat(csrf.find()).as("CSRF token on the login page").isTrue();
    var login =
        post(
            "/login",
            Map.of("username", "operator", "password", "operator-local", "_csrf", csrf.group(1)));
    assertThat(login.statusCode()).isEqualTo(302);

    String back = get(authorize).headers().firstValue("Location").orElseThrow();
    assertThat(back).startsWith(redirect);
    var code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
    assertThat(code.find()).isTrue();
    var token =
        tokenRequest(
            "parcelbell-console",
            null,
            Map.of(
                "grant_type",
                "authorization_code",
                "client_id",
                "parcelbell-console",
                "code",
                java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                "redirect_uri",
                redirect,
                "code_verifier",
                verifier));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(token.body());
    JsonNode access = claims(body.get("access_token").asString());
    JsonNode id = claims(body.get("id_token").asString());

    assertThat(access.get("sub").asString()).isEqualTo("operator");
    assertThat(strings(access.get("roles"))).containsExactly("OPERATOR");
    assertThat(access.get("name").asString()).isEqualTo("Local Operator");
    assertThat(strings(access.get("aud"))).contains("parcelbell");
    assertThat(strings(id.get("roles"))).containsExactly("OPERATOR");
  }

  private String clientCredentials(String client, String secret, String scope) throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "client_credentials");
    if (scope != null) {
      params.put("scope", scope);
    }
    var response = tokenRequest(client, secret, params);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).get("access_token").asString();
  }

  private HttpResponse<String> tokenRequest(String client, String secret, Map<String, String> form)
      throws Exception {
    var request =
        HttpRequest.newBuilder(uri("/oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (secret != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        // As a browser asks: the provider sends HTML clients to its login page.
        HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form(form)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static JsonNode claims(String jwt) {
    return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
  }

  private static java.util.List<String> strings(JsonNode node) {
    if (node == null) {
      return java.util.List.of();
    }
    if (node.isString()) {
      return java.util.List.of(node.asString());
    }
    java.util.List<String> values = new java.util.ArrayList<>();
    node.forEach(value -> values.add(value.asString()));
    return values;
  }
}
