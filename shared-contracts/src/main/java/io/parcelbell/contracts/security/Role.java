package io.parcelbell.contracts.security;

import java.util.Arrays;
import java.util.List;

/**
 * What a person (or program) may do in parcelbell; each role includes the ones before it. Spring
 * authorities are {@code ROLE_<name>}; a token's role grants its own authority and every lower one,
 * so a rule names the least role that may pass.
 */
public enum Role {
  /** Reads the notification history, stats, flows, runs, deliveries and the audit log. */
  VIEWER,
  /** VIEWER + resends dead letters, replays and recovers flow deliveries, exports. */
  OPERATOR,
  /** OPERATOR + changes flows, destinations and secrets, opts a flow into raw personal data. */
  ADMIN;

  public String authority() {
    return "ROLE_" + name();
  }

  /** This role's authority and those of every role it includes. */
  public List<String> grantedAuthorities() {
    return Arrays.stream(values())
        .filter(role -> role.ordinal() <= ordinal())
        .map(Role::authority)
        .toList();
  }
}
