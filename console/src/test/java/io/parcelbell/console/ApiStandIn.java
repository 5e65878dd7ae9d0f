package io.parcelbell.console;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockOidcLogin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The console as a signed-in person (mockOidcLogin) against one stand-in for report-service,
 * flow-service and the provider's discovery document, which records what the console asked and with
 * which token. One Spring context for every page test.
 */
@SpringBootTest
@AutoConfigureWebTestClient
abstract class ApiStandIn {

  static final MockWebServer REPORT = new MockWebServer();
  private static boolean started;
  static final Map<String, String> ANSWERS = new ConcurrentHashMap<>();
  static final Map<String, Integer> STATUS = new ConcurrentHashMap<>();
  static final Map<String, String> CONTENT_TYPES = new ConcurrentHashMap<>();

  static {
    REPORT.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path =
                java.net.URLDecoder.decode(
                    request.getRequestUrl().encodedPath(), java.nio.charset.StandardCharsets.UTF_8);
            if (path.equals("/idp/.well-known/openid-configuration")) {
              return discovery();
            }
            // "POST /api/flows" answers only that method; "/api/flows" answers any.
            String key = request.getMethod() + " " + path;
            if (!ANSWERS.containsKey(key)) {
              key = path;
            }
            String body = ANSWERS.get(key);
            if (body == null) {
              return new MockResponse().setResponseCode(404);
            }
            return new MockResponse()
                .setResponseCode(STATUS.getOrDefault(key, 200))
                .setHeader("Content-Type", CONTENT_TYPES.getOrDefault(key, "application/json"))
                .setHeader(
                    "Content-Disposition", "attachment; filename=\"parcelbell-notifications.csv\"")
                .setBody(body);
          }
        });
  }

  @DynamicPropertySource
  static void api(DynamicPropertyRegistry registry) throws IOException {
    // Started once for every class sharing the cached context; it stops with the JVM.
    if (!started) {
      REPORT.start();
      started = true;
    }
    registry.add("parcelbell.console.report-url", () -> REPORT.url("/").toString());
    // The provider's discovery document (read at start); sign-in itself is mockOidcLogin's.
    registry.add(
        "spring.security.oauth2.client.provider.parcelbell.issuer-uri", ApiStandIn::issuer);
    registry.add("parcelbell.console.flow-url", () -> REPORT.url("/").toString());
  }

  @Autowired WebTestClient web;

  private static String issuer() {
    return REPORT.url("/idp").toString();
  }

  private static MockResponse discovery() {
    String issuer = issuer();
    return new MockResponse()
        .setHeader("Content-Type", "application/json")
        .setBody(
            """
            {"issuer":"%s","authorization_endpoint":"%s/authorize","token_endpoint":"%s/token",
             "jwks_uri":"%s/jwks","response_types_supported":["code"],
             "subject_types_supported":["public"],"id_token_signing_alg_values_supported":["RS256"]}
            """
                .formatted(issuer, issuer, issuer, issuer));
  }

  @BeforeEach
  void reset() throws InterruptedException {
    ANSWERS.clear();
    STATUS.clear();
    CONTENT_TYPES.clear();
    while (REPORT.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // drop what earlier tests asked
    }
  }

  WebTestClient as(String role) {
    return web.mutateWith(
        mockOidcLogin()
            .idToken(token -> token.claim("roles", List.of(role)).claim("name", "Kim Operator"))
            .authorities(new SimpleGrantedAuthority("ROLE_" + role)));
  }

  static String body(WebTestClient.ResponseSpec answer) {
    return body(answer, 200);
  }

  static String body(WebTestClient.ResponseSpec answer, int status) {
    return answer
        .expectStatus()
        .isEqualTo(status)
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }
}
