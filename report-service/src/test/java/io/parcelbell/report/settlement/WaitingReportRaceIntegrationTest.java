package io.parcelbell.report.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.store.WaitingReports;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import reactor.core.publisher.Mono;

/**
 * A report that overtook its dispatch is noted as waiting, and the dispatch applies the noted
 * reports. The dispatch may come between the report's miss and its note: it then finds no note, so
 * the report must find the attempt itself, by looking once more after writing the note. A spy on
 * the notes plays the dispatch at exactly that moment. Its own context: the spy must not touch
 * other tests.
 */
@IntegrationTest
class WaitingReportRaceIntegrationTest {

  @Autowired ReportSettlement settlement;
  @Autowired NotificationStore notifications;
  @Autowired RawReportStore reports;
  @MockitoSpyBean WaitingReports waiting;

  @Test
  void aDispatchBetweenTheReportsMissAndItsNoteIsSeenByItsSecondLook() {
    String id = "cj:W" + UUID.randomUUID().toString().substring(0, 8) + ":DELIVERED";
    String msgKey = "MK-" + id;
    Instant now = Instant.now();
    notifications
        .ensure(
            new NotificationSeed(id, "cj", "W1", "DELIVERED", "ORD-W", "010-****-0001"),
            NotificationState.PENDING,
            null,
            now)
        .block();
    RawReport delivered = Stored.deliveredReport(msgKey, id, now);
    reports.saveIfAbsent(delivered).block();
    AtomicBoolean dispatchedMeanwhile = new AtomicBoolean();
    doAnswer(
            call -> {
              // The dispatch: adds the attempt, then applies the reports noted for it (none yet).
              Mono<Void> dispatch =
                  notifications
                      .addAttempt(id, Stored.pendingAttempt(msgKey, true, now), now)
                      .then(settlement.applyWaiting(msgKey))
                      .doOnSuccess(done -> dispatchedMeanwhile.set(true));
              @SuppressWarnings("unchecked")
              Mono<Void> note = (Mono<Void>) call.callRealMethod();
              return dispatch.then(note);
            })
        .when(waiting)
        .remember(anyString(), anyString(), any());

    Boolean met = settlement.settle(delivered).block(Duration.ofSeconds(30));

    assertThat(dispatchedMeanwhile).isTrue();
    assertThat(met).isTrue();
    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.state()).isEqualTo(NotificationState.SENT);
    assertThat(doc.attempt(msgKey).orElseThrow().state()).isEqualTo(AttemptState.DELIVERED);
    assertThat(waiting.reportIdsOf(msgKey).block()).containsExactly(delivered.id());
  }
}
