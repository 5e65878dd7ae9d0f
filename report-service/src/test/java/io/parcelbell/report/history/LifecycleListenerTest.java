package io.parcelbell.report.history;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.kafka.KeyOrderedBatch;
import io.parcelbell.report.support.Events;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import reactor.core.publisher.Mono;

/** When a batch's waiting reports are looked for: after its dispatches, once for the batch. */
class LifecycleListenerTest {

  private final NotificationViewService view = mock(NotificationViewService.class);
  private final KeyOrderedBatch batch = mock(KeyOrderedBatch.class);
  private final LifecycleListener listener = new LifecycleListener(view, batch);
  private final List<Events> shipments =
      List.of(Events.freshShipment(), Events.freshShipment(), Events.freshShipment());
  private final List<ConsumerRecord<String, ParcelbellEvent>> records = new ArrayList<>();

  LifecycleListenerTest() {
    for (Events shipment : shipments) {
      ParcelbellEvent dispatched = shipment.dispatched(Channel.ALIMTALK, 1, false);
      records.add(
          new ConsumerRecord<>(
              Topics.NOTIFICATION_LIFECYCLE,
              0,
              records.size(),
              dispatched.shipmentKey(),
              dispatched));
    }
    when(view.afterDispatches(anyList())).thenReturn(Mono.empty());
  }

  @Test
  void aBatchDoneLooksOnceForEveryDispatchInIt() {
    listener.on(records);

    verify(view).afterDispatches(shipments.stream().map(s -> s.msgKey(Channel.ALIMTALK)).toList());
  }

  @Test
  void aBatchThatFailsPartWayLooksForTheDispatchesItCommits() {
    doThrow(new BatchListenerFailedException("MongoDB away", new IllegalStateException(), 2))
        .when(batch)
        .process(eq(LifecycleListener.ID), eq(records), any());

    assertThatThrownBy(() -> listener.on(records)).isInstanceOf(BatchListenerFailedException.class);

    // Records 0 and 1 are committed and will not come again; 2 comes again, and is looked for then.
    verify(view)
        .afterDispatches(
            List.of(
                shipments.get(0).msgKey(Channel.ALIMTALK),
                shipments.get(1).msgKey(Channel.ALIMTALK)));
  }
}
