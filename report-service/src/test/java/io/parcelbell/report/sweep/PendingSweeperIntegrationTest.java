package io.parcelbell.report.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.NotificationSettled;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.SettlementScope;
import io.parcelbell.report.bizgo.BizgoInquiryClient;
import io.parcelbell.report.config.ReportProperties;
import io.parcelbell.report.settlement.OutcomePublisher;
import io.parcelbell.report.settlement.ReportSettlement;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.RawReportStore;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.OutcomeTopic;
import io.parcelbell.report.support.Stored;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.ObjectMapper;

/**
 * The sweeper against the real stores and a Bizgo inquiry API on MockWebServer. Its attempts are
 * dated 2020 and its clock is set just after, so no other test's data is ever stale to it.
 */
@IntegrationTest
class PendingSweeperIntegrationTest {

  static final Instant REQUESTED = Instant.parse("2020-01-01T00:00:00Z");

  @Autowired NotificationStore notifications;
  @Autowired RawReportStore reports;
  @Autowired ReportSettlement settlement;
  @Autowired OutcomePublisher publisher;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ReportProperties properties;
  @Autowired RetryRegistry retries;
  @Autowired CircuitBreakerRegistry breakers;

  final MockWebServer bizgo = new MockWebServer();
  final Map<String, String> answers = new ConcurrentHashMap<>();
  final Map<String, Integer> inquiries = new ConcurrentHashMap<>();
  final String tracking = "S" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void startBizgo() throws IOException {
    bizgo.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (!"local-bizgo-api-key".equals(request.getHeader("Authorization"))) {
              return new MockResponse().setResponseCode(401);
            }
            String msgKey = path.substring(path.lastIndexOf('/') + 1);
            inquiries.merge(msgKey, 1, Integer::sum);
            String body =
                answers.getOrDefault(
                    msgKey,
                    """
                    {"common":{"authCode":"A000","authResult":"Success"},
                     "data":{"code":"A404","result":"report not found"}}
                    """);
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
          }
        });
    bizgo.start();
  }

  @AfterEach
  void stopBizgo() throws IOException {
    bizgo.shutdown();
  }

  @Test
  void aStalePendingAttemptIsSettledFromTheInquiryApi() {
    String id = pendingNotification("a", false);
    answers.put(
        msgKey("a"),
        """
        {"common":{"authCode":"A000","authResult":"Success"},
         "data":{"code":"A000","result":"Success","data":{"msgKey":"%s","serviceType":"ALIMTALK",
           "msgType":"AT","reportTime":"2020-01-01T09:00:03.000+09:00","reportType":"RS",
           "reportCode":"10000","reportText":"성공","ref":"%s"}}}
        """
            .formatted(msgKey("a"), id));

    sweeperAt(REQUESTED.plus(Duration.ofMinutes(11))).sweep().block();

    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.state()).isEqualTo(NotificationState.SENT);
    assertThat(doc.attempts().get(0).reportedAt()).isEqualTo("2020-01-01T00:00:03Z");
    assertThat(reports.findById(RawReport.idOf(msgKey("a"), "10000")).block().applied()).isTrue();
  }

  @Test
  void everyPendingAttemptIsAskedAboutWithinOnePendingTimeoutHoweverManyStayUnknown() {
    // A year after the other tests' attempts, so their sweeps never find these due.
    Instant requested = REQUESTED.plus(Duration.ofDays(366));
    int unknown = 150;
    int total = 1_000;
    // The ones Bizgo keeps answering A404 for come first: the oldest, as a createdAt order would
    // pick them again and again.
    List<String> ids =
        Flux.range(0, total)
            .flatMapSequential(
                i -> {
                  String name = "bulk" + i;
                  if (i >= unknown) {
                    answers.put(msgKey(name), delivered(msgKey(name), idOf(name)));
                  }
                  return Mono.fromCallable(
                          () -> pendingNotification(name, false, msgKey(name), requested))
                      .subscribeOn(Schedulers.boundedElastic());
                },
                8)
            .collectList()
            .block();
    Duration timeout = properties.pendingTimeout();
    sweeperAt(requested.plus(timeout).plusSeconds(1)).sweep().block(Duration.ofMinutes(2));

    assertThat(ids.subList(unknown, total))
        .allSatisfy(
            id ->
                assertThat(notifications.findById(id).block().state())
                    .isEqualTo(NotificationState.SENT));
    assertThat(ids.subList(0, unknown))
        .allSatisfy(
            id ->
                assertThat(notifications.findById(id).block().state())
                    .isEqualTo(NotificationState.PENDING));
    assertThat(bulkInquiries()).as("each asked once in the pass").hasSize(total).containsOnly(1);

    // The unknown ones are asked again one pending-timeout later, not on every pass.
    sweeperAt(requested.plus(timeout).plusSeconds(61)).sweep().block(Duration.ofMinutes(2));
    assertThat(bulkInquiries()).containsOnly(1);
    sweeperAt(requested.plus(timeout.multipliedBy(2)).plusSeconds(2))
        .sweep()
        .block(Duration.ofMinutes(2));
    assertThat(bulkInquiries()).hasSize(total).containsOnly(1, 2);
    assertThat(bulkInquiries()).filteredOn(n -> n == 2).hasSize(unknown);
  }

  private List<Integer> bulkInquiries() {
    return inquiries.entrySet().stream()
        .filter(e -> e.getKey().startsWith(msgKey("bulk")))
        .map(Map.Entry::getValue)
        .toList();
  }

  @Test
  void anUnknownAttemptWaitsUntilTheGiveUpAgeThenExpires() {
    String id = pendingNotification("b", true);

    sweeperAt(REQUESTED.plus(Duration.ofHours(1))).sweep().block();
    assertThat(notifications.findById(id).block().state()).isEqualTo(NotificationState.PENDING);

    sweeperAt(REQUESTED.plus(Duration.ofHours(25))).sweep().block();
    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.attempts().get(0).state()).isEqualTo(AttemptState.EXPIRED);
    assertThat(doc.state()).isEqualTo(NotificationState.DEAD_LETTER);
    assertThat(doc.reason()).isEqualTo("no delivery report within PT24H");
  }

  @Test
  void anAttemptWithAnUnknownMsgKeyIsNotInquiredButStillExpires() {
    String id = pendingNotification("u", true, "unknown-msgkey:" + tracking + "u:1");

    sweeperAt(REQUESTED.plus(Duration.ofHours(25))).sweep().block();

    assertThat(bizgo.getRequestCount()).isZero();
    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.attempts().get(0).state()).isEqualTo(AttemptState.EXPIRED);
    assertThat(doc.state()).isEqualTo(NotificationState.DEAD_LETTER);
  }

  @Test
  void anInquiryFailureLeavesTheAttemptAlone() {
    String id = pendingNotification("c", true);
    answers.put(msgKey("c"), "{\"common\":{\"authCode\":\"A999\"}}");

    sweeperAt(REQUESTED.plus(Duration.ofHours(25))).sweep().block();

    assertThat(notifications.findById(id).block().attempts().get(0).state())
        .isEqualTo(AttemptState.PENDING);
  }

  @Test
  void aStrandedReportIsAppliedAgain() {
    // As if the webhook stored it but its background application failed.
    String id = pendingNotification("d", false);
    Instant received = REQUESTED.plusSeconds(5);
    reports.saveIfAbsent(notAKakaoUser(msgKey("d"), id, received)).block();

    sweeperAt(REQUESTED.plus(Duration.ofMinutes(1))).sweep().block();

    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.attempts().get(0).state()).isEqualTo(AttemptState.FAILED);
    assertThat(doc.state()).isEqualTo(NotificationState.PENDING); // a fallback is left
  }

  @Test
  void aReportWhoseRefNamesAnotherNotificationWaitsAndALaterSweepFindsItsAttempt() {
    String id = pendingNotification("w", false);
    String other = pendingNotification("x", false);
    Instant received = REQUESTED.plusSeconds(5);
    RawReport wrongRef = notAKakaoUser(msgKey("w"), other, received);
    reports.saveIfAbsent(wrongRef).block();

    // As it arrives: looked for in the notification it names only (no read of every notification).
    assertThat(settlement.settle(wrongRef).blockOptional()).isEmpty();
    assertThat(notifications.findById(id).block().attempts().get(0).state())
        .isEqualTo(AttemptState.PENDING);

    // Its first retry looks by ref only (most such reports wait for a dispatch still queued).
    sweeperAt(REQUESTED.plus(Duration.ofMinutes(1))).sweep().block();
    assertThat(notifications.findById(id).block().attempts().get(0).state())
        .isEqualTo(AttemptState.PENDING);

    // Older than the pending timeout: by msgKey in every notification too.
    sweeperAt(received.plus(properties.pendingTimeout()).plus(Duration.ofMinutes(1)))
        .sweep()
        .block();

    assertThat(notifications.findById(id).block().attempts().get(0).state())
        .isEqualTo(AttemptState.FAILED);
    assertThat(notifications.findById(other).block().attempts().get(0).state())
        .isEqualTo(AttemptState.PENDING);
    assertThat(reports.findById(wrongRef.id()).block().applied()).isTrue();
  }

  @Test
  void aSettlementThatNeverReachedKafkaIsPublishedAgainWithTheSameIds() {
    String id = pendingNotification("e", false);
    // As if the service died between these writes and their NotificationSettled events.
    notifications
        .settleAttempt(msgKey("e"), AttemptState.DELIVERED, "10000", "성공", REQUESTED, REQUESTED)
        .block();
    notifications
        .moveState(
            id, EnumSet.of(NotificationState.PENDING), NotificationState.SENT, null, REQUESTED)
        .block();
    assertThat(notifications.findById(id).block().outcomePublished()).isFalse();

    try (var outcomes = new OutcomeTopic(broker)) {
      sweeperAt(REQUESTED.plus(Duration.ofMinutes(1))).sweep().block();
      sweeperAt(REQUESTED.plus(Duration.ofMinutes(2))).sweep().block(); // nothing left to do

      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(10))
          .until(() -> outcomes.settledFor(id).size() == 2);
      assertThat(outcomes.settledFor(id))
          .extracting(NotificationSettled::eventId)
          .containsExactly(
              EventIds.of(id, msgKey("e"), "DELIVERED", "ATTEMPT"),
              EventIds.of(id, msgKey("e"), "SENT", "NOTIFICATION"));
    }
    NotificationDocument doc = notifications.findById(id).block();
    assertThat(doc.outcomePublished()).isTrue();
    assertThat(doc.attempts().get(0).published()).isTrue();
  }

  @Test
  void sweepsOnSeveralReplicasAtOnceSettleEachStaleAttemptOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("r1", "r2", "r3", "r4", "r5")) {
      String id = pendingNotification(name, false);
      answers.put(msgKey(name), delivered(msgKey(name), id));
      ids.add(id);
    }

    try (var outcomes = new OutcomeTopic(broker)) {
      sweepOnReplicasAtOnce(REQUESTED.plus(Duration.ofMinutes(11)));

      assertSettledOnce(outcomes, ids, AttemptState.DELIVERED, NotificationState.SENT);
    }
  }

  @Test
  void sweepsOnSeveralReplicasAtOnceExpireEachHopelessAttemptOnce() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String name : List.of("x1", "x2", "x3", "x4", "x5")) {
      ids.add(pendingNotification(name, true)); // the inquiry answers A404 for these
    }

    try (var outcomes = new OutcomeTopic(broker)) {
      sweepOnReplicasAtOnce(REQUESTED.plus(Duration.ofHours(25)));

      assertSettledOnce(outcomes, ids, AttemptState.EXPIRED, NotificationState.DEAD_LETTER);
    }
  }

  /** Four replicas (each its own sweeper, inquiry client and breaker), three passes each. */
  private void sweepOnReplicasAtOnce(Instant now) throws Exception {
    int replicas = 4;
    List<PendingSweeper> sweepers = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      sweepers.add(sweeperAt(now));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(replicas);
    try {
      List<Future<?>> passes = new ArrayList<>();
      for (PendingSweeper sweeper : sweepers) {
        passes.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int pass = 0; pass < 3; pass++) {
                    sweeper.sweep().block(Duration.ofSeconds(60));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> pass : passes) {
        pass.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertSettledOnce(
      OutcomeTopic outcomes,
      List<String> ids,
      AttemptState attemptState,
      NotificationState notificationState) {
    // Held for a while, so a second settlement by a slower replica would have arrived.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(30))
        .until(() -> ids.stream().allMatch(id -> outcomes.settledFor(id).size() == 2));
    for (String id : ids) {
      // In either order: the replica that settled the attempt and the one that moved the
      // notification publish independently. Both events carry the final state (the attempt's
      // publisher re-reads the notification when another replica moved it first).
      List<NotificationSettled> settled = outcomes.settledFor(id);
      assertThat(settled)
          .as("the outcome events of %s", id)
          .extracting(NotificationSettled::scope)
          .containsExactlyInAnyOrder(SettlementScope.ATTEMPT, SettlementScope.NOTIFICATION);
      assertThat(settled)
          .filteredOn(e -> e.scope() == SettlementScope.ATTEMPT)
          .singleElement()
          .extracting(NotificationSettled::attemptState)
          .isEqualTo(attemptState);
      assertThat(settled)
          .as("the notification state both events of %s carry", id)
          .extracting(NotificationSettled::notificationState)
          .containsOnly(notificationState);
      NotificationDocument doc = notifications.findById(id).block();
      assertThat(doc.state()).isEqualTo(notificationState);
      assertThat(doc.attempts())
          .singleElement()
          .extracting(AttemptDocument::state)
          .isEqualTo(attemptState);
    }
  }

  private static String delivered(String msgKey, String id) {
    return """
        {"common":{"authCode":"A000","authResult":"Success"},
         "data":{"code":"A000","result":"Success","data":{"msgKey":"%s","serviceType":"ALIMTALK",
           "msgType":"AT","reportTime":"2020-01-01T09:00:03.000+09:00","reportType":"RS",
           "reportCode":"10000","reportText":"성공","ref":"%s"}}}
        """
        .formatted(msgKey, id);
  }

  private PendingSweeper sweeperAt(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    var bizgoConfig =
        new ReportProperties.Bizgo(
            properties.bizgo().allowedIps(),
            properties.bizgo().trustedProxies(),
            null,
            bizgo.url("/").toString().replaceAll("/$", ""),
            "local-bizgo-api-key",
            Duration.ofSeconds(4),
            Duration.ofMinutes(5),
            1_000);
    var config =
        new ReportProperties(
            bizgoConfig,
            properties.pendingTimeout(),
            properties.expireAfter(),
            Duration.ofHours(1),
            Duration.ofSeconds(30),
            properties.concurrency(),
            properties.outageBackOffMax(),
            properties.overview());
    // Fresh instances configured like application.yml's, so no test shares the bean's breaker.
    var client =
        new BizgoInquiryClient(
            WebClient.builder(),
            config,
            new ObjectMapper(),
            clock,
            Retry.of("test", retries.retry(BizgoInquiryClient.RESILIENCE_NAME).getRetryConfig()),
            CircuitBreaker.of(
                "test",
                breakers
                    .circuitBreaker(BizgoInquiryClient.RESILIENCE_NAME)
                    .getCircuitBreakerConfig()));
    return new PendingSweeper(notifications, reports, settlement, publisher, client, config, clock);
  }

  private String pendingNotification(String name, boolean finalChannel) {
    return pendingNotification(name, finalChannel, msgKey(name));
  }

  private String pendingNotification(String name, boolean finalChannel, String msgKey) {
    return pendingNotification(name, finalChannel, msgKey, REQUESTED);
  }

  private String idOf(String name) {
    return "cj:" + tracking + name + ":DELIVERED";
  }

  private String pendingNotification(
      String name, boolean finalChannel, String msgKey, Instant requested) {
    String id = idOf(name);
    notifications
        .ensure(
            new NotificationSeed(id, "cj", tracking + name, "DELIVERED", "ORD-S", "010-****-0001"),
            NotificationState.PENDING,
            null,
            requested)
        .block();
    notifications
        .addAttempt(id, Stored.pendingAttempt(msgKey, finalChannel, requested), requested)
        .block();
    return id;
  }

  /** A stored, unapplied report of a failed Alimtalk (not a KakaoTalk user) naming {@code ref}. */
  private static RawReport notAKakaoUser(String msgKey, String ref, Instant received) {
    return new RawReport(
        RawReport.idOf(msgKey, "64016"),
        msgKey,
        "64016",
        "카카오톡 미사용자",
        "ALIMTALK",
        "AT",
        null,
        null,
        received,
        "RS",
        "",
        ref,
        received,
        false,
        null);
  }

  private String msgKey(String name) {
    return "MK-" + tracking + name;
  }
}
