package io.parcelbell.console.config;

import static org.springframework.security.config.Customizer.withDefaults;

import io.parcelbell.contracts.security.AccessProperties;
import io.parcelbell.contracts.security.ClaimRoles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientPropertiesMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Deny by default: every page needs a signed-in person (oauth2Login with the company's provider);
 * health and the static files are open. CSRF protects every form and htmx request (the token is in
 * each page's meta tag and sent by htmx as a header). Signing out ends the provider's session too.
 */
@Configuration
@EnableWebFluxSecurity
@EnableConfigurationProperties({AccessProperties.class, OAuth2ClientProperties.class})
class SecurityConfig {

  @Bean
  SecurityWebFilterChain console(
      ServerHttpSecurity http,
      ConsoleProperties properties,
      ReactiveClientRegistrationRepository clients) {
    var signOut = new OidcClientInitiatedServerLogoutSuccessHandler(clients);
    signOut.setPostLogoutRedirectUri("{baseUrl}/");
    return http.authorizeExchange(
            access ->
                access
                    .pathMatchers(
                        "/actuator/health",
                        "/actuator/health/**",
                        "/actuator/prometheus",
                        "/css/**",
                        "/vendor/**",
                        "/js/**",
                        "/favicon.ico")
                    .permitAll()
                    .anyExchange()
                    .authenticated())
        .oauth2Login(withDefaults())
        .oauth2Client(withDefaults())
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(
                    new HtmxAwareEntryPoint(
                        "/oauth2/authorization/" + properties.registrationId())))
        .logout(logout -> logout.logoutSuccessHandler(signOut))
        .build();
  }

  /** The provider's registration, discovered on the first sign-in (see DiscoveredOnFirstUse). */
  @Bean
  ReactiveClientRegistrationRepository clientRegistrations(OAuth2ClientProperties properties) {
    return new DiscoveredOnFirstUse(
        () -> new OAuth2ClientPropertiesMapper(properties).asClientRegistrations());
  }

  /** The roles as the APIs read them (same claim, same mapping: parcelbell.security.*). */
  @Bean
  RoleClaims roleClaims(AccessProperties access) {
    return new RoleClaims(new ClaimRoles(access));
  }
}
