package io.parcelbell.console.config;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A session that expired under an htmx request (the dashboard's polling, a search) must not put the
 * provider's sign-in page inside a fragment: htmx gets 401 with {@code HX-Redirect} to the page the
 * browser shows, which then signs in as a whole page and comes back. Other requests are redirected
 * to the sign-in as usual.
 */
final class HtmxAwareEntryPoint implements ServerAuthenticationEntryPoint {

  private final ServerAuthenticationEntryPoint signIn;

  HtmxAwareEntryPoint(String signInPath) {
    this.signIn = new RedirectServerAuthenticationEntryPoint(signInPath);
  }

  @Override
  public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
    if (!"true".equals(exchange.getRequest().getHeaders().getFirst("HX-Request"))) {
      return signIn.commence(exchange, ex);
    }
    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
    exchange.getResponse().getHeaders().set("HX-Redirect", currentPage(exchange));
    return exchange.getResponse().setComplete();
  }

  /**
   * The page the browser shows (htmx says which), as a path on this console only: the scheme and
   * host are dropped, so a forged header cannot send anyone elsewhere.
   */
  static String currentPage(ServerWebExchange exchange) {
    String current = exchange.getRequest().getHeaders().getFirst("HX-Current-URL");
    if (current != null) {
      try {
        URI uri = URI.create(current);
        String path = uri.getRawPath();
        if (path != null && path.startsWith("/") && !path.startsWith("//")) {
          return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        }
      } catch (IllegalArgumentException ignored) {
        // an unreadable header: the dashboard below
      }
    }
    return "/";
  }
}
