package io.parcelbell.console.config;

import io.parcelbell.contracts.security.ClaimRoles;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in person's parcelbell roles, read from the ID token exactly as the APIs read access
 * tokens (shared-contracts' {@link ClaimRoles}: the configured claim, dotted paths, the role
 * mapping), each with the roles it includes. They decide which actions the pages offer; the APIs
 * check the access token anyway.
 */
final class RoleClaims implements GrantedAuthoritiesMapper {

  private final ClaimRoles roles;

  RoleClaims(ClaimRoles roles) {
    this.roles = roles;
  }

  @Override
  public Collection<? extends GrantedAuthority> mapAuthorities(
      Collection<? extends GrantedAuthority> authorities) {
    Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
    for (GrantedAuthority authority : authorities) {
      if (authority instanceof OidcUserAuthority oidc) {
        mapped.addAll(roles.convert(asJwt(oidc.getIdToken())));
      }
    }
    return mapped;
  }

  /** The ID token's claims in the shape ClaimRoles reads (already verified by the login). */
  private static Jwt asJwt(OidcIdToken token) {
    return Jwt.withTokenValue(token.getTokenValue())
        .header("alg", "none")
        .claims(claims -> claims.putAll(token.getClaims()))
        .issuedAt(token.getIssuedAt())
        .expiresAt(token.getExpiresAt())
        .build();
  }
}
