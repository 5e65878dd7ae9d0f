package io.parcelbell.report.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationHeld;
import io.parcelbell.contracts.events.NotificationRejected;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.events.ResendRequested;
import io.parcelbell.contracts.kafka.EventDeserializer;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.SignedIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An operator resends a dead letter: one command to the notifier and one audit record, however
 * often the button is pressed; refused (409) where a resend cannot help.
 */
@IntegrationTest
class ResendIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired NotificationStore store;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, ParcelbellEvent> kafka;

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String operator = "op-resend-" + run;

  @Test
  void aDeadLetterIsResentOnceWithOneAuditRecordHoweverOftenItIsRequested() {
    String id = seed("dead", NotificationState.DEAD_LETTER, true);

    Map<String, String> first = resend(id, 202);
    Map<String, String> second = resend(id, 202);

    assertThat(first).containsEntry("status", "REQUESTED").containsEntry("notificationId", id);
    assertThat(second).containsEntry("status", "ALREADY_REQUESTED");
    // Exactly one command: the second click published nothing.
    assertThat(commandsFor(id))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.eventId()).isEqualTo(first.get("commandId"));
              assertThat(c.afterAttempt()).isEqualTo(2);
              assertThat(c.requestedBy()).isEqualTo(operator);
              assertThat(c.shipmentKey()).isEqualTo("cj:" + tn("dead"));
            });
    assertThat(auditFor(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r).containsEntry("action", "notification.resend");
              assertThat(r.get("actor").toString()).contains(operator);
            });
  }

  @Test
  void whenTheNotifierNoLongerHoldsTheRecipientTheReasonSaysSoAndANewRequestIsPossible() {
    String id = seed("forgotten", NotificationState.DEAD_LETTER, true);
    assertThat(resend(id, 202)).containsEntry("status", "REQUESTED");

    var refused =
        new NotificationRejected(
            "resend-unavailable-" + run,
            id,
            "cj",
            tn("forgotten"),
            "DELIVERED",
            null,
            null,
            null,
            0,
            "RESEND_UNAVAILABLE",
            "cannot resend: the recipient is no longer stored",
            true,
            Instant.now());
    kafka.send(Topics.NOTIFICATION_LIFECYCLE, refused.shipmentKey(), refused).join();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              var doc = store.findById(id).block();
              assertThat(doc.state()).isEqualTo(NotificationState.DEAD_LETTER);
              assertThat(doc.reason()).contains("no longer stored");
            });
    assertThat(resend(id, 202)).containsEntry("status", "REQUESTED");
  }

  @Test
  void aResendHeldForQuietHoursShowsHeldThenPendingWhenSent() {
    String id = seed("held", NotificationState.DEAD_LETTER, true);
    Instant ended = store.findById(id).block().endedAt();
    var held =
        new NotificationHeld(
            "held-again-" + run,
            id,
            "cj",
            tn("held"),
            "DELIVERED",
            "ORD-" + run,
            "010-****-5678",
            ended.plusSeconds(3600),
            ended.plusSeconds(1));
    kafka.send(Topics.NOTIFICATION_LIFECYCLE, held.shipmentKey(), held).join();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> store.findById(id).block().state() == NotificationState.HELD);
  }

  @Test
  void onlyADeadLetterThatReachedTheProviderCanBeResent() {
    problem(resendCall(seed("pending", NotificationState.PENDING, true)), 409, "NOT_DEAD_LETTER");
    problem(
        resendCall(seed("never-sent", NotificationState.DEAD_LETTER, false)),
        409,
        "RESEND_NOT_USEFUL");
    // The failure-code dictionary: A306 (Bizgo will not send to this number) fails again.
    problem(
        resendCall(seed("invalid-number", NotificationState.DEAD_LETTER, true, "A306")),
        409,
        "RESEND_NOT_USEFUL");
    problem(resendCall("cj:NOPE-" + run + ":DELIVERED"), 404, "NOTIFICATION_NOT_FOUND");
    assertThat(auditFor(id("pending"))).isEmpty();
  }

  private Map<String, String> resend(String id, int status) {
    return resendCall(id)
        .expectStatus()
        .isEqualTo(status)
        .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
        .returnResult()
        .getResponseBody();
  }

  private WebTestClient.ResponseSpec resendCall(String id) {
    String token =
        TestIssuer.get()
            .token(claims -> claims.subject(operator).claim("roles", List.of("OPERATOR")));
    return web.post()
        .uri("/api/notifications/{id}/resend", id)
        .header("Authorization", "Bearer " + token)
        .exchange();
  }

  private static void problem(WebTestClient.ResponseSpec answer, int status, String code) {
    answer.expectStatus().isEqualTo(status).expectBody().jsonPath("$.code").isEqualTo(code);
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> auditFor(String id) {
    Map<String, Object> page =
        SignedIn.asViewer(web)
            .get()
            .uri("/api/audit?targetType=notification&targetId={id}", id)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
            .returnResult()
            .getResponseBody();
    return (List<Map<String, Object>>) page.get("items");
  }

  private List<ResendRequested> commandsFor(String id) {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps("commands-reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ResendRequested> seen = new ArrayList<>();
    try (Consumer<String, ParcelbellEvent> consumer =
        new DefaultKafkaConsumerFactory<>(props, new StringDeserializer(), new EventDeserializer())
            .createConsumer()) {
      consumer.subscribe(List.of(Topics.NOTIFICATION_COMMANDS));
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                consumer
                    .poll(Duration.ofMillis(200))
                    .forEach(
                        r -> {
                          if (r.value() instanceof ResendRequested c
                              && c.notificationId().equals(id)) {
                            seen.add(c);
                          }
                        });
                return !seen.isEmpty();
              });
      // A little longer: a second command would have been published right after the first.
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until) {
        consumer
            .poll(Duration.ofMillis(200))
            .forEach(
                r -> {
                  if (r.value() instanceof ResendRequested c && c.notificationId().equals(id)) {
                    seen.add(c);
                  }
                });
      }
    }
    return seen;
  }

  private String seed(String name, NotificationState state, boolean reachedProvider) {
    return seed(name, state, reachedProvider, "23000");
  }

  private String seed(
      String name, NotificationState state, boolean reachedProvider, String lastCode) {
    Instant at = Instant.now();
    var seed =
        new NotificationSeed(id(name), "cj", tn(name), "DELIVERED", "ORD-" + run, "01012345678");
    store.ensure(seed, state, "every channel failed", at).block();
    if (reachedProvider) {
      store
          .addAttempt(
              id(name),
              new AttemptDocument(
                  "mk-" + tn(name),
                  Channel.SMS,
                  2,
                  "mk-" + tn(name),
                  AttemptState.FAILED,
                  lastCode,
                  "handset unreachable",
                  true,
                  at,
                  at,
                  null),
              at)
          .block();
    }
    return id(name);
  }

  private String tn(String name) {
    return "RS-" + run + "-" + name;
  }

  private String id(String name) {
    return "cj:" + tn(name) + ":DELIVERED";
  }
}
