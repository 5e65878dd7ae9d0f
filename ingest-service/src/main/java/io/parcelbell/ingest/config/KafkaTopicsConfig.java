package io.parcelbell.ingest.config;

import io.parcelbell.contracts.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Ingest creates the topic it produces, so a fresh local broker works at once. Where topics are
 * managed by the platform, set {@code parcelbell.kafka.create-topics=false}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    prefix = "parcelbell.kafka",
    name = "create-topics",
    havingValue = "true",
    matchIfMissing = true)
class KafkaTopicsConfig {

  @Bean
  NewTopic shipmentStatusTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.SHIPMENT_STATUS)
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }
}
