package io.parcelbell.flow.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.observation.ObservationRegistry;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ShipmentMetadata;
import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.flow.flows.ActiveFlows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

/** A polled batch in bulk, and event by event when the bulk fails. */
class TriggerListenerTest {

  private final RunStarter starter = mock(RunStarter.class);
  private final Queue<ParcelbellEvent> oneByOne = new ConcurrentLinkedQueue<>();
  private final TriggerListener listener =
      new TriggerListener(
          starter,
          mock(ActiveFlows.class),
          new KeyOrderedBatch(ObservationRegistry.NOOP, 4, TriggerListener.GROUP));

  TriggerListenerTest() {
    when(starter.handle(any()))
        .thenAnswer(
            call -> {
              oneByOne.add(call.getArgument(0));
              return Mono.empty();
            });
  }

  @Test
  void aBatchThatStartsInBulkIsNotHandledAgain() {
    when(starter.handleAll(anyList())).thenReturn(Mono.empty());
    List<ConsumerRecord<String, ParcelbellEvent>> records = records(3);

    listener.on(records);

    verify(starter).handleAll(records.stream().map(ConsumerRecord::value).toList());
    verify(starter, never()).handle(any());
  }

  @Test
  void aBulkThatFailsIsDoneEventByEventInOrder() {
    when(starter.handleAll(anyList())).thenReturn(Mono.error(new IllegalStateException("away")));
    List<ConsumerRecord<String, ParcelbellEvent>> records = records(3);

    listener.on(records);

    assertThat(oneByOne).containsExactlyElementsOf(records.stream().map(r -> r.value()).toList());
  }

  @Test
  void anUnreadableRecordIsLeftOutOfTheBulkAndReportedForItsDeadLetter() {
    when(starter.handleAll(anyList())).thenReturn(Mono.empty());
    List<ConsumerRecord<String, ParcelbellEvent>> records = new ArrayList<>(records(2));
    records.add(1, new ConsumerRecord<>("parcelbell.shipment.v1", 0, 99, "cj:T0", null));

    assertThatThrownBy(() -> listener.on(records))
        .isInstanceOf(BatchListenerFailedException.class)
        .satisfies(e -> assertThat(((BatchListenerFailedException) e).getIndex()).isEqualTo(1));
    verify(starter).handleAll(List.of(records.get(0).value(), records.get(2).value()));
    verify(starter, never()).handle(any());
  }

  private static List<ConsumerRecord<String, ParcelbellEvent>> records(int n) {
    List<ConsumerRecord<String, ParcelbellEvent>> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var event =
          new ShipmentStatusChanged(
              "evt-" + i,
              "cj",
              "T0",
              "IN_TRANSIT",
              false,
              "shop-1",
              "이동중",
              "Seoul",
              ShipmentMetadata.EMPTY,
              Instant.parse("2026-11-27T01:00:00Z").plusSeconds(i));
      records.add(new ConsumerRecord<>("parcelbell.shipment.v1", 0, i, event.shipmentKey(), event));
    }
    return records;
  }
}
