package io.parcelbell.ingest.support;

import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what ingest put on the shipment topic between two points in time: take {@link
 * #endOffsets()} before a request, then {@link #recordsSince} after the answer. Tests share the
 * broker, so offsets (not consumer groups) isolate them.
 */
public final class ShipmentTopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, ParcelbellEvent> consumer;

  public ShipmentTopicProbe(String brokers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, EventDeserializer.class);
    consumer = new KafkaConsumer<>(props);
  }

  public Map<TopicPartition, Long> endOffsets() {
    List<TopicPartition> partitions =
        consumer.partitionsFor(Topics.SHIPMENT_STATUS).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    return new HashMap<>(consumer.endOffsets(partitions));
  }

  /** Every record written after {@code start}, up to the end offsets as of now. */
  public List<ConsumerRecord<String, ParcelbellEvent>> recordsSince(
      Map<TopicPartition, Long> start) {
    Map<TopicPartition, Long> end = endOffsets();
    consumer.assign(end.keySet());
    end.keySet().forEach(tp -> consumer.seek(tp, start.getOrDefault(tp, 0L)));
    List<ConsumerRecord<String, ParcelbellEvent>> records = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              consumer.poll(Duration.ofMillis(100)).forEach(records::add);
              return end.entrySet().stream()
                  .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
    records.removeIf(r -> r.offset() >= end.get(new TopicPartition(r.topic(), r.partition())));
    return records;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(1));
  }
}
