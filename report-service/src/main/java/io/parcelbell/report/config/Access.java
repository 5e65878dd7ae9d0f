package io.parcelbell.report.config;

import static io.parcelbell.contracts.security.EndpointAccess.Rule.providerWebhook;
import static io.parcelbell.contracts.security.EndpointAccess.Rule.role;

import io.parcelbell.contracts.security.EndpointAccess;
import io.parcelbell.contracts.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call report-service (the rest of the access model is shared-contracts'
 * io.parcelbell.contracts.security): the history for any signed-in role, Bizgo's report webhook
 * with no token (it has its own address and signature checks).
 */
@Configuration(proxyBeanMethods = false)
public class Access {

  /** Public so that web slice tests can import the real rules. */
  @Bean
  public EndpointAccess endpointAccess() {
    return EndpointAccess.of(
        role(HttpMethod.GET, "/api/notifications", Role.VIEWER),
        role(HttpMethod.GET, "/api/notifications/stats", Role.VIEWER),
        role(HttpMethod.GET, "/api/notifications/overview", Role.VIEWER),
        // A copy leaving the system, audit-logged: more than reading.
        role(HttpMethod.GET, "/api/notifications/export", Role.OPERATOR),
        role(HttpMethod.GET, "/api/notifications/{id}", Role.VIEWER),
        role(HttpMethod.POST, "/api/notifications/{id}/resend", Role.OPERATOR),
        role(HttpMethod.GET, "/api/audit", Role.VIEWER),
        providerWebhook(HttpMethod.POST, "/webhook/bizgo/report"),
        providerWebhook(HttpMethod.POST, "/webhook/bizgo/alimtalk"));
  }
}
