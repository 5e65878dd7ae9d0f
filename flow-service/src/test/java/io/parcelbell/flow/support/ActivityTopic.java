package io.parcelbell.flow.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on {@code parcelbell.flow-activity.v1} so far, read from the beginning. */
public final class ActivityTopic {

  private ActivityTopic() {}

  public static List<ParcelbellEvent> readAll(String bootstrapServers) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new EventDeserializer())) {
      var partition = new TopicPartition(Topics.FLOW_ACTIVITY, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      List<ParcelbellEvent> events = new ArrayList<>();
      while (consumer.position(partition) < end) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> events.add(r.value()));
      }
      return events;
    }
  }
}
