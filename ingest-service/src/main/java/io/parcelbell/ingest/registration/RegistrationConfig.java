package io.parcelbell.ingest.registration;

import io.parcelbell.ingest.config.IngestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class RegistrationConfig {

  @Bean
  DeliveryApiClient deliveryApiClient(WebClient.Builder builder, IngestProperties properties) {
    return new DeliveryApiClient(builder, properties.deliveryApi());
  }
}
