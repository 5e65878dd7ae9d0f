package io.parcelbell.report.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** What the lifecycle listener does with records it cannot or need not project. */
@IntegrationTest
class LifecyclePoisonIntegrationTest {

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired NotificationStore notifications;

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
    String key = "poison:" + UUID.randomUUID();
    var poison =
        new ProducerRecord<String, byte[]>(
            Topics.NOTIFICATION_LIFECYCLE,
            key,
            "{\"not\":\"an event\"}".getBytes(StandardCharsets.UTF_8));
    poison
        .headers()
        .add(
            CloudEventHeaders.TYPE,
            "io.parcelbell.notification.dispatched.v1".getBytes(StandardCharsets.UTF_8));
    var unknown =
        new ProducerRecord<String, byte[]>(
            Topics.NOTIFICATION_LIFECYCLE,
            key,
            "{\"from\":\"the future\"}".getBytes(StandardCharsets.UTF_8));
    unknown
        .headers()
        .add(
            CloudEventHeaders.TYPE,
            "io.parcelbell.notification.teleported.v9".getBytes(StandardCharsets.UTF_8));
    try (var producer =
        new KafkaProducer<>(
            KafkaTestUtils.producerProps(broker),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(poison);
      producer.send(unknown);
    }
    var shipment = Events.freshShipment();
    ParcelbellEvent after = shipment.dispatched(Channel.ALIMTALK, 1, false);
    kafka.send(Topics.NOTIFICATION_LIFECYCLE, after.shipmentKey(), after).join();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> notifications.findById(shipment.notificationId()).blockOptional().isPresent());
    List<String> deadLetterKeys = deadLetterKeys(key);
    // The poison record, once; the unknown type is skipped, not dead-lettered.
    assertThat(deadLetterKeys).containsExactly(key);
  }

  private List<String> deadLetterKeys(String key) {
    var props = KafkaTestUtils.consumerProps("dlt-reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> keys = new ArrayList<>();
    try (var consumer =
        new DefaultKafkaConsumerFactory<>(
                props, new StringDeserializer(), new ByteArrayDeserializer())
            .createConsumer()) {
      consumer.subscribe(List.of(Topics.deadLetterTopicOf(Topics.NOTIFICATION_LIFECYCLE)));
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(15))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        record -> {
                          if (key.equals(record.key())) {
                            keys.add(record.key());
                          }
                        });
                return keys.size() == 1;
              });
    }
    return keys;
  }
}
