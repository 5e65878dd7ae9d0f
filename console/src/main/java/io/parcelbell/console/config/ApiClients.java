package io.parcelbell.console.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;

/**
 * The APIs, called with the signed-in person's access token (token relay): report-service and
 * flow-service decide what that person may see and do, and their audit logs name them.
 */
@Configuration
class ApiClients {

  @Bean
  WebClient reportWebClient(
      WebClient.Builder builder,
      ReactiveOAuth2AuthorizedClientManager tokens,
      ReactiveOAuth2AuthorizationFailureHandler forget,
      ConsoleProperties properties) {
    return api(builder, properties.reportUrl().toString(), tokens, forget);
  }

  @Bean
  WebClient flowWebClient(
      WebClient.Builder builder,
      ReactiveOAuth2AuthorizedClientManager tokens,
      ReactiveOAuth2AuthorizationFailureHandler forget,
      ConsoleProperties properties) {
    return api(builder, properties.flowUrl().toString(), tokens, forget);
  }

  private static WebClient api(
      WebClient.Builder builder,
      String baseUrl,
      ReactiveOAuth2AuthorizedClientManager tokens,
      ReactiveOAuth2AuthorizationFailureHandler forget) {
    var relay = new ServerOAuth2AuthorizedClientExchangeFilterFunction(tokens);
    relay.setDefaultOAuth2AuthorizedClient(true);
    relay.setAuthorizationFailureHandler(forget);
    return builder.clone().baseUrl(baseUrl).filter(relay).build();
  }

  /** Access tokens for the APIs: the signed-in person's, refreshed where the provider allows. */
  @Bean
  ReactiveOAuth2AuthorizedClientManager authorizedClients(
      ReactiveClientRegistrationRepository clients,
      ServerOAuth2AuthorizedClientRepository tokens,
      ReactiveOAuth2AuthorizationFailureHandler forget) {
    var manager = new DefaultReactiveOAuth2AuthorizedClientManager(clients, tokens);
    manager.setAuthorizedClientProvider(
        ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
            .authorizationCode()
            .refreshToken()
            .build());
    manager.setAuthorizationFailureHandler(forget);
    return manager;
  }

  /**
   * A token an API answers 401 (or 403 {@code invalid_token}) to is forgotten: it expired, and a
   * public client gets no refresh token from most providers. The next page then asks the provider
   * for a new one (silently while the provider's session lasts) instead of failing on.
   */
  @Bean
  ReactiveOAuth2AuthorizationFailureHandler forgetRefusedTokens(
      ServerOAuth2AuthorizedClientRepository tokens) {
    return new RemoveAuthorizedClientReactiveOAuth2AuthorizationFailureHandler(
        (registrationId, principal, attributes) ->
            tokens.removeAuthorizedClient(
                registrationId,
                principal,
                (ServerWebExchange) attributes.get(ServerWebExchange.class.getName())));
  }
}
