package io.parcelbell.localstack;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventDeserializer;
import io.parcelbell.contracts.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end-to-end test's own Kafka clients against the stack's broker: a producer that plays the
 * notifier on the lifecycle topic, and a reader of everything report-service settled.
 */
final class E2eKafka implements AutoCloseable {

  private final KafkaProducer<String, ParcelbellEvent> producer;
  private final KafkaConsumer<String, ParcelbellEvent> outcomes;
  private final List<NotificationSettled> settled = new ArrayList<>();

  E2eKafka(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true),
            new StringSerializer(),
            new EventSerializer("/parcelbell/e2e-test"));
    outcomes =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "e2e-outcomes-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventDeserializer());
    outcomes.subscribe(List.of(Topics.NOTIFICATION_OUTCOME));
  }

  /** Publishes on the lifecycle topic, keyed by shipment like the notifier, and waits for acks. */
  void publishLifecycle(ParcelbellEvent event) throws Exception {
    producer
        .send(new ProducerRecord<>(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event))
        .get();
  }

  /**
   * Puts an event on a dead-letter topic as notifier's error handler would: its CloudEvents headers
   * plus the failure's.
   */
  void park(String deadLetterTopic, ParcelbellEvent event, String reason) throws Exception {
    var record =
        new ProducerRecord<String, ParcelbellEvent>(deadLetterTopic, event.shipmentKey(), event);
    record.headers().add("kafka_dlt-exception-message", reason.getBytes(StandardCharsets.UTF_8));
    record.headers().add("parcelbell_dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
    producer.send(record).get();
  }

  /** Everything settled so far for this notification, in publishing order. */
  synchronized List<NotificationSettled> settledFor(String notificationId) {
    outcomes
        .poll(Duration.ofMillis(500))
        .forEach(
            record -> {
              if (record.value() instanceof NotificationSettled s) {
                settled.add(s);
              }
            });
    return settled.stream().filter(s -> s.notificationId().equals(notificationId)).toList();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    outcomes.close(Duration.ofSeconds(5));
  }
}
