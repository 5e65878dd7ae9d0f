package io.parcelbell.ingest.health;

import io.parcelbell.ingest.config.IngestProperties;
import java.util.HashMap;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The {@code kafka} health contributor, part of the readiness group (application.yml). */
@Configuration(proxyBeanMethods = false)
class HealthConfig {

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, IngestProperties properties) {
    var config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
    int timeoutMs = (int) properties.kafkaHealthTimeout().toMillis();
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "parcelbell-ingest-health");
    return new KafkaHealthIndicator(AdminClient.create(config), properties.kafkaHealthTimeout());
  }
}
