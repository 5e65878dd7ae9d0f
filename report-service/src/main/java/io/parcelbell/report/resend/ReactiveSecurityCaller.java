package io.parcelbell.report.resend;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import reactor.core.publisher.Mono;

/** The signed-in caller's subject (the token's {@code sub}). */
final class ReactiveSecurityCaller {

  private ReactiveSecurityCaller() {}

  static Mono<String> subject() {
    return ReactiveSecurityContextHolder.getContext()
        .map(SecurityContext::getAuthentication)
        .map(Authentication::getName)
        .switchIfEmpty(Mono.error(() -> new IllegalStateException("no signed-in caller")));
  }
}
