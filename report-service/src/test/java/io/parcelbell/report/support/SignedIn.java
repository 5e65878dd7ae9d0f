package io.parcelbell.report.support;

import io.parcelbell.contracts.security.TestIssuer;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A client that calls the history API as a signed-in caller (a real token from TestIssuer). */
public final class SignedIn {

  private SignedIn() {}

  public static WebTestClient asViewer(WebTestClient web) {
    return web.mutate()
        .defaultHeader("Authorization", "Bearer " + TestIssuer.get().withRoles("VIEWER"))
        .build();
  }
}
