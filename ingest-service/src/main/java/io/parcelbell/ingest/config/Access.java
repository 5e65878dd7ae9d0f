package io.parcelbell.ingest.config;

import static io.parcelbell.contracts.security.EndpointAccess.Rule.providerWebhook;
import static io.parcelbell.contracts.security.EndpointAccess.Rule.scope;

import io.parcelbell.contracts.security.EndpointAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call ingest (the rest of the access model is shared-contracts'
 * io.parcelbell.contracts.security): the shop's order system registers parcels with a token
 * carrying scope {@code shipments:write}; DeliveryAPI's webhook takes no token (its HMAC is its
 * proof).
 */
@Configuration(proxyBeanMethods = false)
public class Access {

  /** The scope the order system's client is granted. */
  public static final String SHIPMENTS_WRITE = "shipments:write";

  /** Public so that web slice tests can import the real rules. */
  @Bean
  public EndpointAccess endpointAccess() {
    return EndpointAccess.of(
        scope(HttpMethod.POST, "/api/shipments", SHIPMENTS_WRITE),
        providerWebhook(HttpMethod.POST, "/api/webhook/delivery"));
  }
}
