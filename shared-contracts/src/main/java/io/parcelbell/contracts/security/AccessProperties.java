package io.parcelbell.contracts.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a token's claims become parcelbell roles (prefix {@code parcelbell.security}); the issuer and
 * audience are Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param rolesClaim the claim holding the user's roles or groups: a name ({@code roles}, {@code
 *     groups}) or a dotted path into nested objects ({@code realm_access.roles}); a list of
 *     strings, or one string of space- or comma-separated values
 * @param roleMapping claim value → role, e.g. {@code parcelbell-admins: ADMIN}; a value that is not
 *     mapped counts only if it is a role's own name (VIEWER, OPERATOR, ADMIN), so with no mapping a
 *     provider that issues those names directly works as is
 */
@ConfigurationProperties(prefix = "parcelbell.security")
public record AccessProperties(
    @DefaultValue("roles") String rolesClaim, @DefaultValue({}) Map<String, Role> roleMapping) {

  public AccessProperties {
    if (rolesClaim == null || rolesClaim.isBlank()) {
      throw new IllegalArgumentException("parcelbell.security.roles-claim must not be blank");
    }
    roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
  }
}
