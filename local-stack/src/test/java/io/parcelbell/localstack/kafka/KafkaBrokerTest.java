package io.parcelbell.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.localstack.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

  @TempDir Path data;

  @Test
  void roundTripsARecordAndKeepsItAcrossARestartOnTheSameDataDir() throws Exception {
    String topic = "local-stack.test";
    try (KafkaBroker broker = KafkaBroker.start(data, FreePorts.next(), FreePorts.next());
        KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
      producer.send(new ProducerRecord<>(topic, "cj:1", "hello")).get();
      assertThat(consumeAll(broker.bootstrapServers(), topic)).containsExactly("cj:1=hello");
    }

    // New ports on purpose: only the data directory carries over.
    try (KafkaBroker restarted = KafkaBroker.start(data, FreePorts.next(), FreePorts.next())) {
      assertThat(consumeAll(restarted.bootstrapServers(), topic)).containsExactly("cj:1=hello");
    }
  }

  private static KafkaProducer<String, String> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true),
        new StringSerializer(),
        new StringSerializer());
  }

  /**
   * A fresh group reads the topic from the beginning until it has seen a record (or 30 s passed).
   */
  private static List<String> consumeAll(String bootstrap, String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.isEmpty() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          seen.add(record.key() + "=" + record.value());
        }
      }
    }
    return seen;
  }
}
