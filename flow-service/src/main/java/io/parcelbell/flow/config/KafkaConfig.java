package io.parcelbell.flow.config;

import io.micrometer.observation.ObservationRegistry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
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
 * Kafka beyond Spring Boot's auto-configuration: the trigger listener's batches and its error
 * handling. An undeserializable record goes to its topic's .DLT at once; anything else (MongoDB
 * away) is waited out without limit, the record keeping its place: a trigger parked on a DLT would
 * be a flow that silently never ran.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  static final String GROUP = "parcelbell-flow";

  @Bean
  KeyOrderedBatch keyOrderedBatch(ObservationRegistry observations, FlowProperties properties) {
    return new KeyOrderedBatch(
        observations, properties.concurrency(), GROUP, Duration.ofSeconds(30));
  }

  @Bean
  DefaultErrorHandler kafkaErrorHandler(KafkaProperties properties) {
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(properties),
            (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    var backOff = new ExponentialBackOff(500, 2.0);
    backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
    return new DefaultErrorHandler(recoverer, backOff);
  }

  /** The topic this service owns (where topics are not managed elsewhere: Strimzi, Compose). */
  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic flowActivityTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.FLOW_ACTIVITY)
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }

  private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    Map<Class<?>, Serializer<?>> values = new LinkedHashMap<>();
    values.put(byte[].class, new ByteArraySerializer());
    EventSerializer events = new EventSerializer();
    events.configure(config, false);
    values.put(ParcelbellEvent.class, events);
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<Object, Object>(
            config, null, new DelegatingByTypeSerializer(values, true)));
  }
}
