package io.parcelbell.contracts.security;

import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpMethod;

/**
 * Who may call which of a service's endpoints: one rule per endpoint, declared by the service as a
 * bean. Anything without a rule is refused (deny by default), and each service's tests check that
 * every endpoint it serves has a rule.
 */
public record EndpointAccess(List<Rule> rules) {

  public EndpointAccess {
    rules = List.copyOf(rules);
  }

  public static EndpointAccess of(Rule... rules) {
    return new EndpointAccess(List.of(rules));
  }

  /**
   * @param method the HTTP method
   * @param pattern a Spring path pattern, e.g. {@code /api/notifications/**}
   * @param access what the caller needs
   */
  public record Rule(HttpMethod method, String pattern, Access access) {

    public Rule {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(access, "access");
    }

    /**
     * Called by a provider that proves itself another way (HMAC, IP allowlist): no token, on any
     * method (the path's controller answers other methods 405).
     */
    public static Rule providerWebhook(HttpMethod method, String pattern) {
      return new Rule(method, pattern, new Access(null, null));
    }

    public static Rule role(HttpMethod method, String pattern, Role role) {
      return new Rule(method, pattern, new Access(role, null));
    }

    public static Rule scope(HttpMethod method, String pattern, String scope) {
      return new Rule(method, pattern, new Access(null, scope));
    }
  }

  /**
   * A role (a person, or a program acting for one), a scope (a machine client), or - neither - a
   * provider webhook that takes no token.
   */
  public record Access(Role role, String scope) {

    public Access {
      if (role != null && scope != null) {
        throw new IllegalArgumentException("a rule needs a role or a scope, not both");
      }
    }

    public boolean tokenless() {
      return role == null && scope == null;
    }

    /** The authority the caller must hold; null for a provider webhook. */
    public String authority() {
      return role != null ? role.authority() : scope != null ? "SCOPE_" + scope : null;
    }
  }
}
