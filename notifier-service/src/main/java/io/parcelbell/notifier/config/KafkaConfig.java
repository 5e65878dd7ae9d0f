package io.parcelbell.notifier.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Poison records (undeserializable or invalid by the contract) go to {@code <topic>.DLT} with the
 * failure in the {@code kafka_dlt-exception-*} headers; every other failure is waited out. The
 * serde and producer settings are in application.yml ({@code spring.kafka.*}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(KafkaConfig.class);

  /** The root cause of a dead-lettered record, beside spring-kafka's kafka_dlt-* headers. */
  public static final String REASON_HEADER = "parcelbell_dlt-reason";

  /** Counts failed deliveries of a record to a listener, by the root cause's type. */
  static final String FAILURES_METRIC = "parcelbell.notifier.record.failures";

  static final long BACK_OFF_INITIAL_MS = 1_000;

  /**
   * Both listeners' way through a batch: {@code parcelbell.notifier.concurrency} shipments at once,
   * each shipment's records in order.
   */
  @Bean
  KeyOrderedBatch keyOrderedBatch(
      ObservationRegistry observations,
      NotifierProperties properties,
      @Value("${spring.kafka.consumer.group-id:parcelbell-notifier}") String groupId) {
    return new KeyOrderedBatch(observations, properties.concurrency(), groupId);
  }

  @Bean
  DefaultErrorHandler kafkaErrorHandler(
      KafkaTemplate<String, ParcelbellEvent> events,
      KafkaProperties kafkaProperties,
      NotifierProperties properties,
      MeterRegistry meters) {
    // A record that failed to deserialize has only bytes: it needs a bytes producer.
    Map<String, Object> raw = new LinkedHashMap<>(kafkaProperties.buildProducerProperties());
    raw.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    KafkaTemplate<String, byte[]> bytes =
        new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(raw));
    Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
    templates.put(byte[].class, bytes);
    templates.put(ParcelbellEvent.class, events);
    var recoverer =
        new DeadLetterPublishingRecoverer(
            templates,
            (record, e) ->
                new org.apache.kafka.common.TopicPartition(
                    Topics.deadLetterTopicOf(record.topic()), -1));
    // Spring's headers carry the outer exception ("failed to deserialize"); ops want the cause.
    recoverer.setHeadersFunction(
        (record, e) ->
            new RecordHeaders()
                .add(
                    REASON_HEADER,
                    String.valueOf(NestedExceptionUtils.getMostSpecificCause(e).getMessage())
                        .getBytes(StandardCharsets.UTF_8)));
    DefaultErrorHandler handler = errorHandler(recoverer, properties.bizgo().outageBackOffMax());
    handler.setRetryListeners(
        (record, e, attempt) -> {
          Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
          meters.counter(FAILURES_METRIC, "cause", cause.getClass().getSimpleName()).increment();
          log.warn(
              "{}-{}@{} failed (delivery {}), redelivered after the back-off: {}",
              record.topic(),
              record.partition(),
              record.offset(),
              attempt,
              cause.toString());
        });
    return handler;
  }

  /**
   * Only a record that can never succeed goes to the DLT: undeserializable, or invalid by the
   * contract (the event records validate themselves while being read, so that is a
   * DeserializationException too) - spring-kafka's not-retryable exceptions. Everything else is
   * waited out, for however long it lasts: Bizgo down or rejecting our credentials, MongoDB or
   * Kafka unavailable, a bug that the next deploy fixes. The record keeps its place (and its
   * shipment's order) and is redelivered at most {@code outageMax} apart
   * (parcelbell.notifier.bizgo.outage-back-off-max). Such a wait shows as consumer lag (alert
   * ParcelbellConsumerLagGrowing) and in {@value #FAILURES_METRIC}.
   */
  static DefaultErrorHandler errorHandler(
      DeadLetterPublishingRecoverer recoverer, Duration outageMax) {
    return new DefaultErrorHandler(recoverer, waitItOut(outageMax));
  }

  static BackOff waitItOut(Duration outageMax) {
    ExponentialBackOff unlimited = new ExponentialBackOff(BACK_OFF_INITIAL_MS, 2.0);
    unlimited.setMaxInterval(Math.max(outageMax.toMillis(), BACK_OFF_INITIAL_MS));
    return unlimited;
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(
      name = "parcelbell.kafka.create-topics",
      havingValue = "true",
      matchIfMissing = true)
  static class TopicCreation {

    @Bean
    NewTopic notificationLifecycleTopic(
        @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
        @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
      return TopicBuilder.name(io.parcelbell.contracts.Topics.NOTIFICATION_LIFECYCLE)
          .partitions(partitions)
          .replicas(replicas)
          .build();
    }

    @Bean
    NewTopic notificationOutcomeDeadLetterTopic(
        @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
        @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
      return TopicBuilder.name(
              io.parcelbell.contracts.Topics.deadLetterTopicOf(
                  io.parcelbell.contracts.Topics.NOTIFICATION_OUTCOME))
          .partitions(partitions)
          .replicas(replicas)
          .build();
    }

    @Bean
    NewTopic notificationCommandsDeadLetterTopic(
        @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
        @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
      return TopicBuilder.name(Topics.deadLetterTopicOf(Topics.NOTIFICATION_COMMANDS))
          .partitions(partitions)
          .replicas(replicas)
          .build();
    }

    @Bean
    NewTopic shipmentStatusDeadLetterTopic(
        @Value("${parcelbell.kafka.partitions:" + Topics.DEFAULT_PARTITIONS + "}") int partitions,
        @Value("${parcelbell.kafka.replication-factor:1}") int replicas) {
      return TopicBuilder.name(
              io.parcelbell.contracts.Topics.deadLetterTopicOf(
                  io.parcelbell.contracts.Topics.SHIPMENT_STATUS))
          .partitions(partitions)
          .replicas(replicas)
          .build();
    }
  }
}
