package io.parcelbell.notifier.support;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.ParcelbellEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.kafka.annotation.KafkaListener;

/** Everything the service published on the lifecycle topic, as a report-service would read it. */
@TestComponent
public class LifecycleRecorder {

  private final List<ConsumerRecord<String, ParcelbellEvent>> records =
      new CopyOnWriteArrayList<>();

  @KafkaListener(topics = Topics.NOTIFICATION_LIFECYCLE, groupId = "test-lifecycle-recorder")
  void on(ConsumerRecord<String, ParcelbellEvent> record) {
    records.add(record);
  }

  public <T extends ParcelbellEvent> List<ConsumerRecord<String, ParcelbellEvent>> recordsOf(
      Class<T> type, java.util.function.Predicate<T> filter) {
    return records.stream()
        .filter(r -> type.isInstance(r.value()) && filter.test(type.cast(r.value())))
        .toList();
  }

  public <T extends ParcelbellEvent> List<T> eventsOf(
      Class<T> type, java.util.function.Predicate<T> filter) {
    return recordsOf(type, filter).stream().map(r -> type.cast(r.value())).toList();
  }

  /** Which of these notifications a NotificationDispatched was published for so far. */
  public java.util.Set<String> dispatchedIds(java.util.Set<String> ids) {
    return eventsOf(
            io.parcelbell.contracts.events.NotificationDispatched.class,
            d -> ids.contains(d.notificationId()))
        .stream()
        .map(io.parcelbell.contracts.events.NotificationDispatched::notificationId)
        .collect(java.util.stream.Collectors.toSet());
  }
}
