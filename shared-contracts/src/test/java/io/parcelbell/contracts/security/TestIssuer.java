package io.parcelbell.contracts.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An OpenID Connect issuer for the services' tests: a discovery document and a JWKS served over
 * HTTP from this JVM, and tokens signed with its key. The services validate them exactly as they
 * validate a real provider's (keys fetched from the issuer, signature, issuer, audience, expiry);
 * the local stack's end-to-end test uses the real auth-server. One per JVM.
 */
public final class TestIssuer {

  /** The audience the services expect (spring.security.oauth2.resourceserver.jwt.audiences). */
  public static final String AUDIENCE = "parcelbell";

  private static final TestIssuer INSTANCE = new TestIssuer();

  private final RSAKey key = generate("test-key");
  private final String url;

  private TestIssuer() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      url = "http://127.0.0.1:" + server.getAddress().getPort();
      server.createContext(
          "/.well-known/openid-configuration",
          exchange ->
              answer(
                  exchange,
                  "{\"issuer\":\""
                      + url
                      + "\",\"jwks_uri\":\""
                      + url
                      + "/jwks\",\"subject_types_supported\":[\"public\"],"
                      + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
                      + "\"response_types_supported\":[\"code\"]}"));
      server.createContext(
          "/jwks", exchange -> answer(exchange, new JWKSet(key.toPublicJWK()).toString()));
      server.setExecutor(null);
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestIssuer get() {
    return INSTANCE;
  }

  public String url() {
    return url;
  }

  /** A token for a person or program with these parcelbell roles. */
  public String withRoles(String... roles) {
    return token(claims -> claims.claim("roles", List.of(roles)));
  }

  /** A machine client's token with these scopes. */
  public String withScopes(String... scopes) {
    return token(claims -> claims.claim("scope", String.join(" ", scopes)));
  }

  /** A valid VIEWER token unless {@code changes} say otherwise; signed with this issuer's key. */
  public String token(Consumer<JWTClaimsSet.Builder> changes) {
    return sign(key, changes);
  }

  /** Looks like ours in every claim but is signed by a key this issuer never published. */
  public String signedByAnotherKey() {
    return sign(generate("test-key"), claims -> claims.claim("roles", List.of("ADMIN")));
  }

  private String sign(RSAKey signer, Consumer<JWTClaimsSet.Builder> changes) {
    Instant now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(url)
            .subject("test-user")
            .audience(List.of("test-client", AUDIENCE))
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .jwtID(UUID.randomUUID().toString())
            .claim("name", "Test User");
    changes.accept(claims);
    try {
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(signer));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey generate(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (var out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Points the service under test at this issuer with parcelbell's audience. */
  public static final class Initializer
      implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
      TestPropertyValues.of(
              "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + get().url(),
              "spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE)
          .applyTo(context);
    }
  }
}
