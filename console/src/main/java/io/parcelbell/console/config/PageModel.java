package io.parcelbell.console.config;

import io.parcelbell.contracts.security.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** What every page's frame shows: who is signed in, which language, the CSRF token. */
@ControllerAdvice
class PageModel {

  /** Subscribing makes Spring Security create the token; pages put it in a meta tag for htmx. */
  /**
   * Resolved here so that every page has it: Thymeleaf's form support adds it as a hidden field to
   * each {@code th:action} form (the exchange attribute {@code _csrf}), and the page's meta tag
   * gives it to htmx.
   */
  @ModelAttribute("csrf")
  Mono<CsrfToken> csrf(ServerWebExchange exchange) {
    Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
    return token == null
        ? Mono.empty()
        : token.doOnNext(
            t ->
                exchange
                    .getAttributes()
                    .put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t));
  }

  @ModelAttribute("person")
  Mono<String> person(ServerWebExchange exchange) {
    return exchange
        .getPrincipal()
        .map(
            principal ->
                principal instanceof Authentication auth
                        && auth.getPrincipal() instanceof OidcUser user
                    ? displayName(user)
                    : principal.getName())
        .defaultIfEmpty("");
  }

  private static String displayName(OidcUser user) {
    if (user.getFullName() != null) {
      return user.getFullName();
    }
    return user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
  }

  /** Whether to offer OPERATOR actions (resend, replay); the API refuses them to others anyway. */
  @ModelAttribute("canOperate")
  Mono<Boolean> canOperate(ServerWebExchange exchange) {
    return holds(exchange, Role.OPERATOR);
  }

  /** Whether to offer ADMIN actions (editing flows); the API refuses them to others anyway. */
  @ModelAttribute("canAdmin")
  Mono<Boolean> canAdmin(ServerWebExchange exchange) {
    return holds(exchange, Role.ADMIN);
  }

  private static Mono<Boolean> holds(ServerWebExchange exchange, Role role) {
    return exchange
        .getPrincipal()
        .map(
            principal ->
                principal instanceof Authentication auth
                    && auth.getAuthorities().stream()
                        .anyMatch(a -> role.authority().equals(a.getAuthority())))
        .defaultIfEmpty(false);
  }

  @ModelAttribute("lang")
  String lang(ServerWebExchange exchange) {
    return exchange.getLocaleContext().getLocale() == null
        ? "ko"
        : exchange.getLocaleContext().getLocale().getLanguage();
  }
}
