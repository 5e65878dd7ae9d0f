package io.parcelbell.flow.config;

import static io.parcelbell.contracts.security.EndpointAccess.Rule.role;

import io.parcelbell.contracts.security.EndpointAccess;
import io.parcelbell.contracts.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call flow-service (the rest of the access model is shared-contracts'): every signed-in
 * role reads; operators replay and recover deliveries; only admins change flows and destinations.
 */
@Configuration(proxyBeanMethods = false)
public class Access {

  /** Public so that web slice tests can import the real rules. */
  @Bean
  public EndpointAccess endpointAccess() {
    return EndpointAccess.of(
        role(HttpMethod.GET, "/api/destinations", Role.VIEWER),
        role(HttpMethod.POST, "/api/destinations", Role.ADMIN),
        role(HttpMethod.GET, "/api/destinations/{id}", Role.VIEWER),
        role(HttpMethod.PUT, "/api/destinations/{id}", Role.ADMIN),
        role(HttpMethod.POST, "/api/destinations/{id}/rotate-secret", Role.ADMIN),
        role(HttpMethod.POST, "/api/destinations/{id}/enable", Role.ADMIN),
        role(HttpMethod.POST, "/api/destinations/{id}/disable", Role.ADMIN),
        role(HttpMethod.POST, "/api/destinations/{id}/test", Role.OPERATOR),
        role(HttpMethod.GET, "/api/flows", Role.VIEWER),
        role(HttpMethod.GET, "/api/flows/triggers", Role.VIEWER),
        // Checking a draft changes nothing, but only admins write flows: the console calls it
        // while an admin types.
        role(HttpMethod.POST, "/api/flows/validate", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows/preview", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows/backtest", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows/{id}/backtest", Role.ADMIN),
        role(HttpMethod.GET, "/api/flows/{id}", Role.VIEWER),
        role(HttpMethod.PUT, "/api/flows/{id}", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows/{id}/enable", Role.ADMIN),
        role(HttpMethod.POST, "/api/flows/{id}/disable", Role.ADMIN),
        role(HttpMethod.GET, "/api/runs", Role.VIEWER),
        role(HttpMethod.GET, "/api/runs/{id}", Role.VIEWER),
        role(HttpMethod.GET, "/api/deliveries", Role.VIEWER),
        role(HttpMethod.GET, "/api/deliveries/{id}", Role.VIEWER),
        role(HttpMethod.POST, "/api/deliveries/{id}/replay", Role.OPERATOR),
        role(HttpMethod.POST, "/api/destinations/{id}/recover", Role.OPERATOR));
  }
}
