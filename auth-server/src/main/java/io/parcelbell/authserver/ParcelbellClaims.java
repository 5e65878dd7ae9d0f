package io.parcelbell.authserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.stereotype.Component;

/**
 * What a real provider is configured to put into parcelbell's tokens: the roles (from the user, or
 * for client credentials from {@code parcelbell.auth.client-roles}), the display name, and the
 * parcelbell audience beside the client's own.
 */
@Component
class ParcelbellClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

  private final AuthProperties properties;

  ParcelbellClaims(AuthProperties properties) {
    this.properties = properties;
  }

  @Override
  public void customize(JwtEncodingContext context) {
    boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
    boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
    if (!accessToken && !idToken) {
      return;
    }
    List<String> roles = rolesOf(context);
    if (!roles.isEmpty()) {
      context.getClaims().claim(properties.rolesClaim(), roles);
    }
    user(context.getPrincipal())
        .ifPresent(
            user -> {
              context.getClaims().claim("name", user.name());
              context.getClaims().claim("preferred_username", user.username());
            });
    if (accessToken) {
      List<String> audience = new ArrayList<>();
      audience.add(context.getRegisteredClient().getClientId());
      audience.add(properties.audience());
      context.getClaims().audience(audience);
      // RFC 9068's client_id: the audit log names the client a change came through.
      context.getClaims().claim("client_id", context.getRegisteredClient().getClientId());
    }
  }

  private List<String> rolesOf(JwtEncodingContext context) {
    if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
      return properties
          .clientRoles()
          .getOrDefault(context.getRegisteredClient().getClientId(), List.of());
    }
    return context.getPrincipal().getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(authority -> authority.startsWith("ROLE_"))
        .map(authority -> authority.substring("ROLE_".length()))
        .toList();
  }

  private Optional<AuthProperties.User> user(Authentication principal) {
    return properties.users().stream()
        .filter(user -> user.username().equals(principal.getName()))
        .findFirst();
  }
}
