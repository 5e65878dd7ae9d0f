package io.parcelbell.contracts.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a token's claims become parcelbell roles (prefix {@code parcelbell.security}); the issuer and
 * audience are Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param rolesClaim the claim holding the user's roles or groups: a top-level name ({@code roles},
 *     {@code groups}, even a namespaced {@code https://example.com/roles}) or, if no top-level
 *     claim has that name, a dotted path into nested objects ({@code realm_access.roles}); a list
 *     of strings, or one string of space- or comma-separated values
 * @param roles role → the claim values that grant it, e.g. {@code ADMIN: parcelbell-admins} (env
 *     {@code PARCELBELL_SECURITY_ROLES_ADMIN=parcelbell-admins,Ops Team}: values keep every
 *     character). Empty: the role names themselves (VIEWER, OPERATOR, ADMIN) are the values. Once
 *     any role is mapped, only mapped values count - a group someone names "ADMIN" grants nothing.
 */
@ConfigurationProperties(prefix = "parcelbell.security")
public record AccessProperties(
    @DefaultValue("roles") String rolesClaim, @DefaultValue({}) Map<Role, List<String>> roles) {

  public AccessProperties {
    if (rolesClaim == null || rolesClaim.isBlank()) {
      throw new IllegalArgumentException("parcelbell.security.roles-claim must not be blank");
    }
    Map<Role, List<String>> copy = new LinkedHashMap<>();
    if (roles != null) {
      roles.forEach(
          (role, values) -> copy.put(role, values == null ? List.of() : List.copyOf(values)));
    }
    roles = Map.copyOf(copy);
  }
}
