package io.parcelbell.report.config;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventSerializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring beyond Spring Boot's auto-configuration (serdes, acks and idempotence are in
 * application.yml): the dead-letter path and the topics this service owns.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  /**
   * Poison records (undeserializable: not retried) go to the .DLT at once. Processing failures,
   * typically MongoDB being unavailable, are retried for about half a minute first, holding the
   * partition so a shipment's events stay in order.
   */
  @Bean
  DefaultErrorHandler kafkaErrorHandler(KafkaProperties properties) {
    // spring-kafka 3.x would default to "<topic>-dlt"; the contract is "<topic>.DLT". Partition -1
    // lets the producer partition by key, so the DLT need not mirror the source's partition count.
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(properties),
            (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    var backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(8_000);
    backOff.setMaxElapsedTime(30_000);
    return new DefaultErrorHandler(recoverer, backOff);
  }

  /**
   * A poison record's value is the raw bytes it arrived with; a record that failed in processing is
   * an event. One template writes both.
   */
  private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties(null));
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    Map<Class<?>, Serializer<?>> values = new LinkedHashMap<>();
    values.put(byte[].class, new ByteArraySerializer());
    EventSerializer events = new EventSerializer();
    events.configure(config, false);
    values.put(ParcelbellEvent.class, events);
    var factory =
        new DefaultKafkaProducerFactory<Object, Object>(
            config, null, new DelegatingByTypeSerializer(values, true));
    return new KafkaTemplate<>(factory);
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic outcomeTopic() {
    return TopicBuilder.name(Topics.NOTIFICATION_OUTCOME).partitions(3).replicas(1).build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic lifecycleDeadLetterTopic() {
    return TopicBuilder.name(Topics.deadLetterTopicOf(Topics.NOTIFICATION_LIFECYCLE))
        .partitions(3)
        .replicas(1)
        .build();
  }
}
