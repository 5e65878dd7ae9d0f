package io.parcelbell.report.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationDispatched;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.DeadLetters;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.Mono;

/**
 * MongoDB away while lifecycle events arrive: the event waits, however many tries it takes, and is
 * projected once MongoDB answers; nothing is parked on the DLT. (The back-off is shortened, so 25
 * failed tries - far more than a bounded back-off would allow - take seconds, not minutes.)
 */
@IntegrationTest
@TestPropertySource(properties = "parcelbell.report.outage-back-off-max=200ms")
class LifecycleOutageIntegrationTest {

  private static final int FAILED_TRIES = 25;

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired NotificationStore notifications;
  @MockitoSpyBean NotificationViewService view;

  @Test
  void aDispatchWhileMongoIsDownWaitsAndIsProjectedWithoutADeadLetter() {
    var down = Events.freshShipment();
    var up = Events.freshShipment();
    var tries = new AtomicInteger();
    doAnswer(
            call -> {
              NotificationDispatched event = call.getArgument(0);
              @SuppressWarnings("unchecked")
              Mono<Void> real = (Mono<Void>) call.callRealMethod();
              if (!event.notificationId().equals(down.notificationId())) {
                return real;
              }
              return Mono.defer(
                  () ->
                      tries.incrementAndGet() <= FAILED_TRIES
                          ? Mono.<Void>error(
                              new DataAccessResourceFailureException("MongoDB is down"))
                          : real);
            })
        .when(view)
        .dispatched(any());

    List<String> keys = new ArrayList<>();
    for (var shipment : List.of(down, up)) {
      ParcelbellEvent dispatched = shipment.dispatched(Channel.ALIMTALK, 1, false);
      kafka.send(Topics.NOTIFICATION_LIFECYCLE, dispatched.shipmentKey(), dispatched).join();
      keys.add(dispatched.shipmentKey());
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> notifications.findById(down.notificationId()).blockOptional().isPresent());
    assertThat(tries).hasValueGreaterThan(FAILED_TRIES);
    assertThat(notifications.findById(up.notificationId()).blockOptional()).isPresent();
    assertThat(DeadLetters.keys(broker, Topics.NOTIFICATION_LIFECYCLE, Duration.ofSeconds(3)))
        .doesNotContainAnyElementsOf(keys);
  }
}
