package io.parcelbell.flow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.flow.activity.PendingActivity;
import io.parcelbell.flow.support.IntegrationTest;
import io.parcelbell.flow.support.SignedIn;
import io.parcelbell.flow.triggers.Trigger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class RunStoreTest {

  @Autowired RunStore runs;
  @Autowired WebTestClient web;

  /** A run read before any replica claimed it (CI saw GET /api/runs answer 500 in that window). */
  @Test
  void aRunNoReplicaHasClaimedYetReadsAndIsListed() {
    String flowId = "flw_" + UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    var run =
        new RunDocument(
            RunDocument.idOf(flowId, "evt-unclaimed"),
            flowId,
            1,
            Trigger.SHIPMENT_STATUS_CHANGED,
            "evt-unclaimed",
            "io.parcelbell.shipment.status-changed.v1",
            "{}",
            "cj:UNCLAIMED",
            now,
            RunState.WAITING,
            0,
            now.plus(30, ChronoUnit.DAYS),
            null,
            null,
            0,
            null,
            List.of(),
            now,
            now);

    assertThat(runs.start(run, new PendingActivity("act-1", "test", "{}")).block()).isTrue();

    assertThat(runs.find(run.id()).block()).isEqualTo(run);
    SignedIn.as(web, "VIEWER")
        .get()
        .uri("/api/runs?flowId={id}", flowId)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items[0].id")
        .isEqualTo(run.id())
        .jsonPath("$.items[0].state")
        .isEqualTo("WAITING");
  }

  @Test
  void startAllInsertsTheNewRunsAndSaysWhichLeavingTheOthersAsTheyWere() {
    String flowId = "flw_" + UUID.randomUUID().toString().replace("-", "");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    RunDocument existing = run(flowId, "evt-a", now);
    runs.start(existing, new PendingActivity("act-a", "test", "{}")).block();

    RunDocument again = run(flowId, "evt-a", now.plus(1, ChronoUnit.HOURS));
    RunDocument fresh = run(flowId, "evt-b", now);
    var inserted =
        runs.startAll(
                List.of(
                    new RunStore.Starting(again, new PendingActivity("act-a2", "test", "{}")),
                    new RunStore.Starting(fresh, new PendingActivity("act-b", "test", "{}"))))
            .block();

    assertThat(inserted).containsExactly(fresh.id());
    assertThat(runs.find(existing.id()).block()).isEqualTo(existing);
    assertThat(runs.find(fresh.id()).block()).isEqualTo(fresh);
    assertThat(runs.startAll(List.of()).block()).isEmpty();
  }

  private static RunDocument run(String flowId, String eventId, Instant at) {
    return new RunDocument(
        RunDocument.idOf(flowId, eventId),
        flowId,
        1,
        Trigger.SHIPMENT_STATUS_CHANGED,
        eventId,
        "io.parcelbell.shipment.status-changed.v1",
        "{}",
        "cj:" + eventId,
        at,
        RunState.WAITING,
        0,
        at.plus(30, ChronoUnit.DAYS),
        null,
        null,
        0,
        null,
        List.of(),
        at,
        at);
  }
}
