package io.parcelbell.contracts.security;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.oauth2.server.resource.web.access.server.BearerTokenServerAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json with a stable {@code code}, and the {@code WWW-Authenticate} header
 * exactly as Spring's bearer-token handlers write it (RFC 6750: {@code Bearer}, {@code
 * error="invalid_token"}, {@code error="insufficient_scope"}). Those handlers finish the response
 * without a body; they run here against a response whose completion writes the problem instead.
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  /** No token, or one that is not valid here (signature, issuer, audience, expiry). */
  public static ServerAuthenticationEntryPoint unauthorized() {
    var bearer = new BearerTokenServerAuthenticationEntryPoint();
    return (exchange, e) ->
        bearer.commence(
            withProblemBody(
                exchange,
                "UNAUTHORIZED",
                "Unauthorized",
                "A valid bearer token from the configured issuer is required."),
            e);
  }

  /** A valid token without the role or scope this endpoint needs. */
  public static ServerAccessDeniedHandler forbidden() {
    var bearer = new BearerTokenServerAccessDeniedHandler();
    return (exchange, e) ->
        bearer.handle(
            withProblemBody(
                exchange, "FORBIDDEN", "Forbidden", "Your role does not allow this request."),
            e);
  }

  /**
   * A request Spring Security's firewall refuses before anything reads it (an encoded slash or dot
   * segment, a NUL, a backslash in the path): 400 problem+json rather than an empty 400.
   */
  public static ServerExchangeRejectedHandler rejected() {
    return (exchange, e) -> {
      exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
      return withProblemBody(
              exchange,
              "REQUEST_REJECTED",
              "Bad Request",
              "The request was refused: its path or headers are not allowed.")
          .getResponse()
          .setComplete();
    };
  }

  private static ServerWebExchange withProblemBody(
      ServerWebExchange exchange, String code, String title, String detail) {
    ServerHttpResponse response =
        new ServerHttpResponseDecorator(exchange.getResponse()) {
          @Override
          public Mono<Void> setComplete() {
            HttpStatusCode status = getStatusCode();
            int value = status == null ? 500 : status.value();
            // Fixed texts only: nothing from the request is echoed.
            String json =
                "{\"type\":\"about:blank\",\"title\":\""
                    + title
                    + "\",\"status\":"
                    + value
                    + ",\"detail\":\""
                    + detail
                    + "\",\"code\":\""
                    + code
                    + "\"}";
            getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            DataBuffer body = bufferFactory().wrap(json.getBytes(StandardCharsets.UTF_8));
            return writeWith(Mono.just(body));
          }
        };
    return exchange.mutate().response(response).build();
  }
}
