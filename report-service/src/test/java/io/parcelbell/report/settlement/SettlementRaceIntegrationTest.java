package io.parcelbell.report.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.Dispatches;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.OutcomeTopic;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Two replicas settle the same notification: another moves the notification to SENT just before
 * this one's first write that would settle the attempt and move the notification (the bulk write of
 * delivered reports, or the single write if the report comes the report-by-report way; a spy on the
 * store plays the other replica, through the same conditional move), so this one settles the
 * attempt alone and its own move finds nothing to do. The attempt's event must still say SENT, not
 * the PENDING this replica read before. Its own context: the spy must not touch other tests.
 */
@IntegrationTest
class SettlementRaceIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @MockitoSpyBean NotificationStore notifications;

  private final Events shipment = Events.freshShipment();
  private final AtomicBoolean otherReplicaMoved = new AtomicBoolean();
  private final AtomicBoolean otherReplicaMovedFirst = new AtomicBoolean();
  private OutcomeTopic outcomes;

  @BeforeEach
  void anotherReplicaMovesTheNotificationFirst() {
    outcomes = new OutcomeTopic(broker);
    doAnswer(
            call -> {
              @SuppressWarnings("unchecked")
              Mono<NotificationDocument> ours = (Mono<NotificationDocument>) call.callRealMethod();
              if (call.getArgument(2) != NotificationState.SENT
                  || !otherReplicaMoved.compareAndSet(false, true)) {
                return ours;
              }
              // The same conditional move, run first on behalf of the other replica: it wins.
              @SuppressWarnings("unchecked")
              Mono<NotificationDocument> theirs =
                  (Mono<NotificationDocument>) call.callRealMethod();
              return theirs.then(ours);
            })
        .when(notifications)
        .moveState(anyString(), any(), any(), any(), any());
    doAnswer(
            call -> {
              @SuppressWarnings("unchecked")
              Mono<NotificationDocument> ours = (Mono<NotificationDocument>) call.callRealMethod();
              if (!otherReplicaMovedFirst.compareAndSet(false, true)) {
                return ours;
              }
              Mono<NotificationDocument> theirs =
                  notifications.moveState(
                      call.getArgument(0),
                      call.getArgument(6),
                      NotificationState.SENT,
                      null,
                      call.getArgument(8));
              return theirs.then(ours);
            })
        .when(notifications)
        .settleAttemptAndMove(anyString(), any(), any(), any(), any(), any(), any(), any(), any());
    doAnswer(
            call -> {
              @SuppressWarnings("unchecked")
              Mono<Integer> ours = (Mono<Integer>) call.callRealMethod();
              if (!otherReplicaMovedFirst.compareAndSet(false, true)) {
                return ours;
              }
              List<NotificationStore.Delivered> delivered = call.getArgument(0);
              Mono<Void> theirs =
                  Flux.fromIterable(delivered)
                      .concatMap(
                          d ->
                              notifications.moveState(
                                  d.notificationId(),
                                  call.getArgument(1),
                                  NotificationState.SENT,
                                  null,
                                  call.getArgument(4)))
                      .then();
              return theirs.then(ours);
            })
        .when(notifications)
        .settleAllDelivered(any(), any(), any(), any(), any());
  }

  @AfterEach
  void close() {
    outcomes.close();
  }

  @Test
  void theAttemptEventCarriesTheStateTheOtherReplicaMovedTo() {
    Dispatches.firstAlimtalk(kafka, notifications, shipment);

    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(shipment.report(Channel.ALIMTALK, "10000", "성공"))
        .exchange()
        .expectStatus()
        .isOk();

    await()
        .untilAsserted(
            () ->
                assertThat(outcomes.settledFor(shipment.notificationId()))
                    .filteredOn(e -> e.scope() == SettlementScope.ATTEMPT)
                    .singleElement()
                    .satisfies(
                        attempt -> {
                          assertThat(attempt.attemptState()).isEqualTo(AttemptState.DELIVERED);
                          assertThat(attempt.notificationState()).isEqualTo(NotificationState.SENT);
                        }));
    assertThat(otherReplicaMovedFirst).isTrue();
    assertThat(otherReplicaMoved).isTrue();
    assertThat(notifications.findById(shipment.notificationId()).block().state())
        .isEqualTo(NotificationState.SENT);
  }
}
