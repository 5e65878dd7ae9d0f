package io.parcelbell.flow.support;

import io.parcelbell.contracts.security.TestIssuer;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Clients that call the API as a signed-in caller with a role (real tokens from TestIssuer). */
public final class SignedIn {

  private SignedIn() {}

  public static WebTestClient as(WebTestClient web, String role) {
    return web.mutate()
        .defaultHeader("Authorization", "Bearer " + TestIssuer.get().withRoles(role))
        .responseTimeout(java.time.Duration.ofSeconds(60))
        .build();
  }
}
