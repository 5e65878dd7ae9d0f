package io.parcelbell.report.audit;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.report.config.RawRecordListeners;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The audit log: report-service records the changes made through its API (AuditTrail) and keeps the
 * whole log, its own records and every other service's from {@code parcelbell.audit.v1}, for {@code
 * GET /api/audit}.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfig {

  static final String CONTAINER_FACTORY = "auditListenerFactory";

  @Bean
  AuditStore auditStore(ReactiveMongoTemplate mongo) {
    return new AuditStore(mongo);
  }

  /**
   * Its own producer, held by AuditProducer rather than exposed: a ProducerFactory or KafkaTemplate
   * bean would make Spring Boot's auto-configured ones (the events') back off.
   */
  @Bean
  AuditProducer auditProducer(KafkaProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    // Fail fast while Kafka is down (the record waits in MongoDB for the relay), not after the
    // client's defaults of 60 s for metadata and 120 s per send.
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
    return new AuditProducer(new DefaultKafkaProducerFactory<>(config));
  }

  @Bean
  AuditTrail auditTrail(
      AuditStore store,
      AuditProducer producer,
      Clock clock,
      @Value("${spring.application.name}") String service) {
    return new AuditTrail(store, producer.template(), clock, service);
  }

  /** Raw bytes in: the projection reads them itself, and an unreadable record is skipped. */
  @Bean(CONTAINER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> auditListenerFactory(
      KafkaProperties properties,
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
      AuditProducer producer) {
    var factory = RawRecordListeners.factory(properties, configurer);
    // A record that is no audit record goes to the .DLT at once; anything else (MongoDB down) is
    // retried without limit: the projection never drops a record it can read.
    var recoverer =
        new DeadLetterPublishingRecoverer(
            producer.template(),
            (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    var backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(10_000);
    var errors = new DefaultErrorHandler(recoverer, backOff);
    errors.addNotRetryableExceptions(AuditProjection.UnreadableAuditRecordException.class);
    factory.setCommonErrorHandler(errors);
    return factory;
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic auditTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.AUDIT).partitions(partitions).replicas(replicas).build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic auditDeadLetterTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.deadLetterTopicOf(Topics.AUDIT))
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }
}
