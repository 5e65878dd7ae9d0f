package io.parcelbell.report.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** Reads what report-service published on the outcome topic, from the beginning. */
public final class OutcomeTopic implements AutoCloseable {

  private final Consumer<String, ParcelbellEvent> consumer;
  private final List<NotificationSettled> seen = new ArrayList<>();

  public OutcomeTopic(EmbeddedKafkaBroker broker) {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps("outcome-reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new EventDeserializer())
            .createConsumer();
    consumer.subscribe(List.of(Topics.NOTIFICATION_OUTCOME));
  }

  /** Everything settled so far for this notification, in publishing order. */
  public List<NotificationSettled> settledFor(String notificationId) {
    return settled().stream().filter(s -> s.notificationId().equals(notificationId)).toList();
  }

  /** Everything settled so far, in publishing order. */
  public List<NotificationSettled> settled() {
    consumer
        .poll(Duration.ofMillis(200))
        .forEach(
            record -> {
              if (record.value() instanceof NotificationSettled settled) {
                seen.add(settled);
              }
            });
    return List.copyOf(seen);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
