package io.parcelbell.contracts.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;

/**
 * A token's authorities: its scopes ({@code SCOPE_x}, Spring's own reading of {@code scope}/{@code
 * scp}) and the parcelbell roles found in the configured claim, each with the roles it includes.
 */
public final class ClaimRoles implements Converter<Jwt, Collection<GrantedAuthority>> {

  private final AccessProperties properties;
  private final JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();

  public ClaimRoles(AccessProperties properties) {
    this.properties = properties;
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    Set<GrantedAuthority> authorities = new LinkedHashSet<>(scopes.convert(jwt));
    for (String value : claimValues(jwt.getClaims())) {
      roleOf(value)
          .ifPresent(
              role ->
                  role.grantedAuthorities().stream()
                      .map(SimpleGrantedAuthority::new)
                      .forEach(authorities::add));
    }
    return authorities;
  }

  private Optional<Role> roleOf(String value) {
    if (properties.roles().isEmpty()) {
      for (Role role : Role.values()) {
        if (role.name().equals(value)) {
          return Optional.of(role);
        }
      }
      return Optional.empty();
    }
    // The highest role the value is mapped to (a value may be listed under several).
    Role found = null;
    for (var mapping : properties.roles().entrySet()) {
      if (mapping.getValue().contains(value)
          && (found == null || mapping.getKey().ordinal() > found.ordinal())) {
        found = mapping.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The strings of the claim: a top-level claim of that name, else the one at its dotted path; none
   * if a step is missing or of another shape.
   */
  private List<String> claimValues(Map<String, Object> claims) {
    Object node = claims.get(properties.rolesClaim());
    if (node == null) {
      node = claims;
      for (String step : properties.rolesClaim().split("\\.")) {
        if (!(node instanceof Map<?, ?> map)) {
          return List.of();
        }
        node = map.get(step);
      }
    }
    List<String> values = new ArrayList<>();
    if (node instanceof Collection<?> list) {
      list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(values::add);
    } else if (node instanceof String text) {
      for (String part : text.split("[\\s,]+")) {
        if (!part.isEmpty()) {
          values.add(part);
        }
      }
    }
    return values;
  }
}
