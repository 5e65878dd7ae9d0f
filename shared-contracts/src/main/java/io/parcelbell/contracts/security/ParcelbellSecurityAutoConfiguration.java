package io.parcelbell.contracts.security;

import java.util.Collection;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.PathPatternParserServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * One access model for every parcelbell service with an API, switched on by the service declaring
 * its {@link EndpointAccess}: an OAuth2 resource server (Spring Boot validates the JWT: signature
 * via the issuer's JWKS, issuer, {@code audiences}, expiry with 60 s of skew), roles and scopes
 * from {@link ClaimRoles}, the service's rules, and everything else refused. Stateless: no session,
 * no CSRF (bearer tokens, no cookies), no login form. Liveness, readiness and prometheus stay open
 * (the kubelet and Prometheus carry no token); every other actuator endpoint is closed. The OpenAPI
 * document is open: it describes how to sign in and holds no data.
 */
@AutoConfiguration(
    before = {
      ReactiveWebSecurityAutoConfiguration.class,
      ReactiveManagementWebSecurityAutoConfiguration.class,
      ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration.class
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ServerHttpSecurity.class, ServerBearerTokenAuthenticationConverter.class})
@ConditionalOnBean(EndpointAccess.class)
@EnableWebFluxSecurity
@EnableConfigurationProperties(AccessProperties.class)
public class ParcelbellSecurityAutoConfiguration {

  /**
   * Spring Security's own observations only where they tell something: authentications (a refused
   * token). Its observations of every filter-chain pass and every authorization decision were a
   * tenth of report-service's CPU on its busiest path (the Bizgo webhook, measured with JFR in the
   * report benchmark) and added spans that say nothing the request's own span does not; the request
   * is still observed (http.server.requests, its trace).
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityObservationSettings parcelbellSecurityObservations() {
    return SecurityObservationSettings.withDefaults()
        .shouldObserveRequests(false)
        .shouldObserveAuthorizations(false)
        .shouldObserveAuthentications(true)
        .build();
  }

  @Bean
  SecurityWebFilterChain parcelbellSecurity(
      ServerHttpSecurity http, EndpointAccess access, AccessProperties properties) {
    var roles = new ClaimRoles(properties);
    var jwtAuthentication =
        new org.springframework.security.oauth2.server.resource.authentication
            .JwtAuthenticationConverter();
    jwtAuthentication.setJwtGrantedAuthoritiesConverter(
        jwt -> (Collection<GrantedAuthority>) roles.convert(jwt));
    ServerBearerTokenAuthenticationConverter bearer =
        new ServerBearerTokenAuthenticationConverter();
    ServerWebExchangeMatcher tokenless = tokenless(access);
    http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        // Stateless: no login page to return to, so no request is saved in a session either (the
        // default cache matches every request against its rules and may look the session up).
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        // The firewall checks the query's parameter names and values when they are first read.
        // Read here, inside the chain, a refused one is answered by the rejected-request handler
        // (400 REQUEST_REJECTED) instead of surfacing in a controller as an unexpected failure.
        // (The default request cache used to read them first, for every request.)
        .addFilterAt(
            (exchange, chain) ->
                Mono.defer(
                    () -> {
                      exchange.getRequest().getQueryParams();
                      return chain.filter(exchange);
                    }),
            SecurityWebFiltersOrder.FIRST)
        .authorizeExchange(
            exchanges -> {
              for (HttpMethod read : new HttpMethod[] {HttpMethod.GET, HttpMethod.HEAD}) {
                exchanges
                    .pathMatchers(
                        read,
                        "/actuator/health",
                        "/actuator/health/liveness",
                        "/actuator/health/readiness",
                        "/actuator/prometheus")
                    .permitAll();
              }
              exchanges.pathMatchers("/actuator", "/actuator/**").denyAll();
              exchanges
                  .pathMatchers(
                      HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml")
                  .permitAll();
              for (EndpointAccess.Rule rule : access.rules()) {
                if (rule.access().tokenless()) {
                  // Any method: the provider's path answers another method 405 itself, as before.
                  exchanges.pathMatchers(rule.pattern()).permitAll();
                } else {
                  exchanges
                      .pathMatchers(rule.method(), rule.pattern())
                      .hasAuthority(rule.access().authority());
                  if (rule.method() == HttpMethod.GET) {
                    // WebFlux answers HEAD with the GET handler; the same rule applies.
                    exchanges
                        .pathMatchers(HttpMethod.HEAD, rule.pattern())
                        .hasAuthority(rule.access().authority());
                  }
                }
              }
              exchanges.anyExchange().denyAll();
            })
        .oauth2ResourceServer(
            resourceServer ->
                resourceServer
                    // A provider webhook takes no token: a stray Authorization header on one must
                    // not turn its own check into a 401.
                    .bearerTokenConverter(
                        exchange ->
                            tokenless
                                .matches(exchange)
                                .flatMap(
                                    match ->
                                        match.isMatch() ? Mono.empty() : bearer.convert(exchange)))
                    .jwt(
                        jwt ->
                            jwt.jwtAuthenticationConverter(
                                new ReactiveJwtAuthenticationConverterAdapter(jwtAuthentication)))
                    .authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(ProblemResponses.unauthorized())
                    .accessDeniedHandler(ProblemResponses.forbidden()));
    return http.build();
  }

  /** Spring Security's firewall keeps refusing odd paths; the answer says so as problem+json. */
  @Bean
  ServerExchangeRejectedHandler parcelbellRejectedRequests() {
    return ProblemResponses.rejected();
  }

  private static ServerWebExchangeMatcher tokenless(EndpointAccess access) {
    var matchers =
        access.rules().stream()
            .filter(rule -> rule.access().tokenless())
            .map(
                rule ->
                    (ServerWebExchangeMatcher)
                        new PathPatternParserServerWebExchangeMatcher(rule.pattern()))
            .toList();
    return matchers.isEmpty()
        ? exchange -> ServerWebExchangeMatcher.MatchResult.notMatch()
        : new org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher(
            matchers);
  }
}
