package io.parcelbell.authserver;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The local provider's people and what goes into its tokens (prefix {@code parcelbell.auth}); the
 * OAuth clients themselves are Spring Boot's {@code
 * spring.security.oauth2.authorizationserver.client}.
 *
 * @param audience added to every access token's {@code aud}, as a real provider is configured to do
 *     for parcelbell's APIs (the services check it)
 * @param rolesClaim the claim that carries the roles (the services read the same name)
 * @param users the dev users, who sign in with a password on the login page
 * @param clientRoles roles put into the tokens a client gets for itself (client credentials), by
 *     client id: a program that reads the history, like the banner's curl
 */
@ConfigurationProperties(prefix = "parcelbell.auth")
public record AuthProperties(
    @DefaultValue("parcelbell") String audience,
    @DefaultValue("roles") String rolesClaim,
    @DefaultValue({}) List<User> users,
    @DefaultValue({}) Map<String, List<String>> clientRoles) {

  public AuthProperties {
    users = users == null ? List.of() : List.copyOf(users);
    clientRoles = clientRoles == null ? Map.of() : Map.copyOf(clientRoles);
  }

  /**
   * @param username signs in with this
   * @param password the dev password (printed in ./run-local's banner; never a real one)
   * @param name the display name in the tokens ({@code name}) and thus in audit records
   * @param roles e.g. VIEWER, OPERATOR, ADMIN
   */
  public record User(String username, String password, String name, List<String> roles) {

    public User {
      roles = roles == null ? List.of() : List.copyOf(roles);
    }

    @Override
    public String toString() {
      return "User[username="
          + username
          + ", password=****, name="
          + name
          + ", roles="
          + roles
          + "]";
    }
  }
}
