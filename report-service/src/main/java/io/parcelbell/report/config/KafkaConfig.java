package io.parcelbell.report.config;

import io.micrometer.observation.ObservationRegistry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventSerializer;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.report.intake.ReportTopic;
import io.parcelbell.report.intake.ReportsNotStoredException;
import io.parcelbell.report.intake.UnreadableReportException;
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
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
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

  /** The consumer group of both listeners. */
  static final String GROUP = "parcelbell-report";

  /**
   * Both listeners' way through a batch: {@code parcelbell.report.concurrency} keys at once, each
   * key's records in order.
   */
  @Bean
  KeyOrderedBatch keyOrderedBatch(ObservationRegistry observations, ReportProperties properties) {
    // 30 s a record, as the per-record listeners had: far below max.poll.interval.ms (5 min).
    return new KeyOrderedBatch(
        observations, properties.concurrency(), GROUP, java.time.Duration.ofSeconds(30));
  }

  /**
   * The lifecycle listener's. Poison records (undeserializable, invalid by the contract: not
   * retried) go to the .DLT at once. Every other failure, typically MongoDB being unavailable, is
   * waited out however long it lasts: the record keeps its place (and its notification's order) and
   * is redelivered at most {@code parcelbell.report.outage-back-off-max} apart. Parking good events
   * on the DLT would leave the history without them.
   */
  @Bean
  DefaultErrorHandler kafkaErrorHandler(KafkaProperties properties, ReportProperties report) {
    // spring-kafka 3.x would default to "<topic>-dlt"; the contract is "<topic>.DLT". Partition -1
    // lets the producer partition by key, so the DLT need not mirror the source's partition count.
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(properties),
            (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    return new DefaultErrorHandler(recoverer, waitItOut(report.outageBackOffMax()));
  }

  /**
   * No max elapsed time. Keep {@code outageMax} far below max.poll.interval.ms, so the consumer
   * keeps its partitions while it waits.
   */
  static ExponentialBackOff waitItOut(Duration outageMax) {
    var backOff = new ExponentialBackOff(Math.min(500, outageMax.toMillis()), 2.0);
    backOff.setMaxInterval(outageMax.toMillis());
    return backOff;
  }

  /**
   * The report topic's own listener factory. Its values are the webhook's raw bytes (nothing to
   * fail in deserialization), it is consumed in batches whose offsets are committed once stored,
   * and a report that could not be stored is retried without limit: the webhook told Bizgo we have
   * it, and a MongoDB outage is no reason to give up on it. Only a record that can never be a
   * report goes to the .DLT. Neither the factory's consumer factory nor its error handler is a
   * bean: either would replace (or, for the handler, make ambiguous) the auto-configured ones the
   * lifecycle listener uses.
   */
  @Bean(ReportTopic.CONTAINER_FACTORY)
  ConcurrentKafkaListenerContainerFactory<String, byte[]> bizgoReportListenerFactory(
      KafkaProperties properties,
      ReportProperties report,
      ConcurrentKafkaListenerContainerFactoryConfigurer configurer) {
    // spring.kafka.listener.* (auto-startup, concurrency, ...) apply here too; then our own
    // choices.
    var factory = RawRecordListeners.factory(properties, configurer);
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
    var recoverer =
        new DeadLetterPublishingRecoverer(
            deadLetterTemplate(properties),
            (record, failure) -> new TopicPartition(Topics.deadLetterTopicOf(record.topic()), -1));
    // Retried until MongoDB is back: a batch that could not be stored (the listener names its first
    // record, ReportsNotStoredException); a record that is no report goes to the .DLT at once
    // (named
    // by its index, UnreadableReportException), the records before it committed.
    var errors = new DefaultErrorHandler(recoverer, waitItOut(report.outageBackOffMax()));
    errors.addNotRetryableExceptions(UnreadableReportException.class);
    // Listed, so no cause beneath it (one spring-kafka deems fatal) can turn it into a dead letter.
    errors.addRetryableExceptions(ReportsNotStoredException.class);
    factory.setCommonErrorHandler(errors);
    return factory;
  }

  /**
   * A poison record's value is the raw bytes it arrived with; a record that failed in processing is
   * an event. One template writes both.
   */
  private static KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties properties) {
    Map<String, Object> config = new LinkedHashMap<>(properties.buildProducerProperties());
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
  NewTopic commandsTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.NOTIFICATION_COMMANDS)
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic outcomeTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.NOTIFICATION_OUTCOME)
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic bizgoReportTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(ReportTopic.NAME).partitions(partitions).replicas(replicas).build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic bizgoReportDeadLetterTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.deadLetterTopicOf(ReportTopic.NAME))
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }

  @Bean
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  NewTopic lifecycleDeadLetterTopic(
      @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
      @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
    return TopicBuilder.name(Topics.deadLetterTopicOf(Topics.NOTIFICATION_LIFECYCLE))
        .partitions(partitions)
        .replicas(replicas)
        .build();
  }
}
