package io.parcelbell.report.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.report.counts.CountPass;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.EarlierDocuments;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.SignedIn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@IntegrationTest
class NotificationQueryIntegrationTest {

  static final Instant T0 = Instant.parse("2026-04-24T01:00:00Z");

  @Autowired WebTestClient web;

  /** As a signed-in VIEWER: the history needs a token. */
  @BeforeEach
  void signInAsViewer() {
    web = SignedIn.asViewer(web);
  }

  @Autowired NotificationStore store;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired EarlierDocuments earlier;
  @Autowired CountPass counting;

  final String orderId = "ORD-" + UUID.randomUUID();

  @Test
  void pagesNewestFirstWithAnOpaqueCursor() {
    for (int i = 0; i < 5; i++) {
      create("q" + i, orderId, T0.plusSeconds(i));
    }

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      var page =
          list("orderId=" + orderId + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      page.items().forEach(item -> seen.add(item.trackingNumber()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly(tn("q4"), tn("q3"), tn("q2"), tn("q1"), tn("q0"));
  }

  @Test
  void filtersByTrackingNumberAndState() {
    create("f1", orderId, T0);
    create("f2", orderId, T0.plusSeconds(1));
    store
        .moveState(
            id("f2"), EnumSet.of(NotificationState.PENDING), NotificationState.SENT, null, T0)
        .block();

    assertThat(list("trackingNumber=" + tn("f1")).items())
        .extracting(NotificationResponse::id)
        .containsExactly(id("f1"));
    assertThat(list("orderId=" + orderId + "&state=SENT").items())
        .extracting(NotificationResponse::id)
        .containsExactly(id("f2"));
    assertThat(list("orderId=" + orderId + "&state=PENDING").items())
        .extracting(NotificationResponse::id)
        .containsExactly(id("f1"));
  }

  @Test
  void filtersByPhoneLastFourChannelParcelStatusAndTime() {
    create("p1", "01011112222", "DELIVERED", Channel.ALIMTALK, T0);
    create("p2", "01033334444", "IN_TRANSIT", Channel.ALIMTALK, T0.plusSeconds(3_600));
    create("p3", "01055552222", "DELIVERED", Channel.SMS, T0.plusSeconds(7_200));
    String mine = "orderId=" + orderId;

    assertThat(ids(mine + "&phoneLast4=2222")).containsExactly(id("p3"), id("p1"));
    assertThat(ids(mine + "&channel=SMS")).containsExactly(id("p3"));
    assertThat(ids(mine + "&shipmentStatus=IN_TRANSIT")).containsExactly(id("p2", "IN_TRANSIT"));
    // since inclusive, until exclusive, offsets honoured (10:00 KST is 01:00 UTC).
    assertThat(
            web.get()
                .uri(
                    "/api/notifications?orderId={orderId}&since={since}&until={until}",
                    orderId,
                    "2026-04-24T10:00:00+09:00", // a value: its "+" is sent encoded
                    "2026-04-24T03:00:00Z")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<NotificationResponse.Page>() {})
                .returnResult()
                .getResponseBody()
                .items())
        .extracting(NotificationResponse::id)
        .containsExactly(id("p2", "IN_TRANSIT"), id("p1"));
    // An unencoded "+" arrives as a space: still read as the offset.
    assertThat(ids(mine + "&since=2026-04-24T11:00:01+09:00")).containsExactly(id("p3"));
    assertThat(ids(mine + "&phoneLast4=2222&channel=ALIMTALK&shipmentStatus=DELIVERED"))
        .containsExactly(id("p1"));
  }

  @Test
  void notificationsStoredBeforeTheSearchByLastFourAreFoundAfterTheStart() {
    // More than one page of the backfill (100), and recipients without four digits.
    List<Document> stored = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      stored.add(oldDocument("old" + i, "010-****-9876"));
    }
    stored.add(oldDocument("hidden", "***"));
    stored.add(oldDocument("none", null));
    mongo.insert(stored, NotificationDocument.COLLECTION).blockLast();
    assertThat(ids("orderId=" + orderId + "&phoneLast4=9876")).isEmpty();

    earlier.backfill().block();

    var page = list("orderId=" + orderId + "&phoneLast4=9876&limit=100");
    assertThat(page.items()).hasSize(100);
    assertThat(page.nextCursor()).isNotNull();
    assertThat(
            mongo
                .count(
                    new org.springframework.data.mongodb.core.query.Query(
                        org.springframework.data.mongodb.core.query.Criteria.where("orderId")
                            .is(orderId)
                            .and(NotificationStore.RECIPIENT_LAST4)
                            .is("9876")),
                    NotificationDocument.COLLECTION)
                .block())
        .isEqualTo(150);
    // Done: a second start finds nothing left to do and ends.
    earlier.backfill().block(java.time.Duration.ofSeconds(10));
  }

  private Document oldDocument(String name, String recipient) {
    return new Document("_id", id(name))
        .append("courierCode", "cj")
        .append("trackingNumber", tn(name))
        .append("shipmentStatus", "DELIVERED")
        .append("orderId", orderId)
        .append("recipient", recipient)
        .append("state", "SENT")
        .append("attempts", List.of())
        .append("createdAt", java.util.Date.from(T0))
        .append("updatedAt", java.util.Date.from(T0))
        .append("version", 1L);
  }

  @Test
  void oneNotificationHasTheContractShape() {
    create("s1", orderId, T0);

    web.get()
        .uri("/api/notifications/{id}", id("s1"))
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .json(
            """
            {"id":"%s","courierCode":"cj","trackingNumber":"%s","shipmentStatus":"DELIVERED",
             "orderId":"%s","recipient":"010-****-5678","state":"PENDING","reason":null,
             "attempts":[{"channel":"ALIMTALK","msgKey":"%s","state":"PENDING","reportCode":null,
                          "reportText":null,"requestedAt":"2026-04-24T01:00:00Z","reportedAt":null}],
             "createdAt":"2026-04-24T01:00:00Z","updatedAt":"2026-04-24T01:00:00Z",
             "heldAt":null,"heldUntil":null,"supersededBy":null,"supersededAt":null}
            """
                .formatted(id("s1"), tn("s1"), orderId, "mk-" + tn("s1")),
            true);
  }

  @Test
  void aPhoneNumberIsNeverShownUnmasked() {
    // As if a producer had put a raw number in an event.
    mongo
        .save(
            new Document("_id", id("m1"))
                .append("courierCode", "cj")
                .append("trackingNumber", tn("m1"))
                .append("shipmentStatus", "DELIVERED")
                .append("orderId", orderId)
                .append("recipient", "010-1234-5678")
                .append("state", "HELD")
                .append("attempts", List.of())
                .append("createdAt", java.util.Date.from(T0))
                .append("updatedAt", java.util.Date.from(T0))
                .append("version", 0L),
            NotificationDocument.COLLECTION)
        .block();

    assertThat(list("orderId=" + orderId).items())
        .extracting(NotificationResponse::recipient)
        .containsExactly("010-****-5678");
    web.get()
        .uri("/api/notifications/{id}", id("m1"))
        .exchange()
        .expectBody(String.class)
        .value(body -> assertThat(body).doesNotContain("1234").contains("010-****-5678"));
  }

  @Test
  void anUnknownIdIsAProblem() {
    web.get()
        .uri("/api/notifications/{id}", "cj:nope:DELIVERED")
        .exchange()
        .expectStatus()
        .isNotFound()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("NOTIFICATION_NOT_FOUND");
  }

  @Test
  void badParametersAreProblems() {
    badRequest("state=DELIVERED_MAYBE", "INVALID_STATE");
    badRequest("limit=0", "INVALID_LIMIT");
    badRequest("limit=101", "INVALID_LIMIT");
    badRequest("limit=ten", "INVALID_LIMIT");
    badRequest("cursor=%21%21%21", "INVALID_CURSOR");
    badRequest("phoneLast4=567", "INVALID_PHONE_LAST4");
    badRequest("phoneLast4=56789", "INVALID_PHONE_LAST4");
    badRequest("phoneLast4=abcd", "INVALID_PHONE_LAST4");
    badRequest("channel=KAKAO", "INVALID_CHANNEL");
    badRequest("shipmentStatus=%7B%22%24ne%22%3A1%7D", "INVALID_SHIPMENT_STATUS");
    badRequest("since=yesterday", "INVALID_SINCE");
    badRequest("until=2026-04-24", "INVALID_UNTIL");
    badRequest("since=2026-04-24T01:00:00Z&until=2026-04-24T01:00:00Z", "INVALID_RANGE");
    web.get()
        .uri("/api/notifications/stats?window=yesterday")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo("INVALID_WINDOW");
  }

  @Test
  void statsCountStatesAndTheFailureRate() {
    var before = stats();
    Instant now = Instant.now();
    create("c1", orderId, now);
    create("c2", orderId, now);
    create("c3", orderId, now);
    var open = EnumSet.of(NotificationState.PENDING);
    store.moveState(id("c1"), open, NotificationState.SENT, null, now).block();
    store.moveState(id("c2"), open, NotificationState.DEAD_LETTER, "x", now).block();

    var after = stats();
    assertThat(after.counts().get("SENT") - before.counts().get("SENT")).isEqualTo(1);
    assertThat(after.counts().get("DEAD_LETTER") - before.counts().get("DEAD_LETTER")).isEqualTo(1);
    assertThat(after.counts().get("PENDING") - before.counts().get("PENDING")).isEqualTo(1);
    assertThat(after.total() - before.total()).isEqualTo(3);
    assertThat(after.window()).isEqualTo("PT24H");
    long sent = after.counts().get("SENT");
    long dead = after.counts().get("DEAD_LETTER");
    assertThat(after.failureRate()).isEqualTo((double) dead / (sent + dead));
  }

  @Test
  void theOverviewCountsTodayAndNamesTheCodesFailuresEndedWith() {
    var before = overview();
    Instant now = Instant.now();
    String code = "9" + (System.nanoTime() % 10_000);
    for (int i = 0; i < 4; i++) {
      createFailed("f" + i, code, now);
    }
    var open = EnumSet.of(NotificationState.PENDING);
    store.moveState(id("f0"), open, NotificationState.DEAD_LETTER, "x", now).block();
    store.moveState(id("f1"), open, NotificationState.DEAD_LETTER, "x", now).block();
    create("s0", orderId, now);
    store.moveState(id("s0"), open, NotificationState.SENT, null, now).block();

    var after = overview();
    assertThat(after.days()).hasSize(7);
    var today = after.days().get(6);
    assertThat(today.day()).isEqualTo(java.time.LocalDate.ofInstant(now, OverviewService.SEOUL));
    var todayBefore = before.days().get(6);
    assertThat(today.deadLetter() - todayBefore.deadLetter()).isEqualTo(2);
    assertThat(today.sent() - todayBefore.sent()).isEqualTo(1);
    assertThat(today.failureRate())
        .isEqualTo((double) today.deadLetter() / (today.sent() + today.deadLetter()));
    assertThat(after.last24Hours().counts().get("DEAD_LETTER"))
        .isEqualTo(before.last24Hours().counts().get("DEAD_LETTER") + 2);
    assertThat(after.topFailureCodes()).contains(new OverviewService.CodeCount(code, 4));
    assertThat(after.oldestPendingSince()).isNotNull();
  }

  @Test
  void theOverviewPutsEachNotificationInItsWindowAndItsSeoulDay() {
    var before = overview();
    Instant now = Instant.now();
    var open = EnumSet.of(NotificationState.PENDING);
    Instant[] at = {
      now.minus(java.time.Duration.ofDays(3)), // SENT: this week, not today
      now.minus(java.time.Duration.ofHours(30)), // DEAD_LETTER: this week, not the last 24 h
      now.minus(java.time.Duration.ofHours(1)), // DEAD_LETTER: the last 24 h
      now.minus(java.time.Duration.ofDays(8)) // SENT: before the week
    };
    NotificationState[] end = {
      NotificationState.SENT,
      NotificationState.DEAD_LETTER,
      NotificationState.DEAD_LETTER,
      NotificationState.SENT
    };
    for (int i = 0; i < at.length; i++) {
      create("w" + i, orderId, at[i]);
      store.moveState(id("w" + i), open, end[i], null, at[i]).block();
    }

    var after = overview();

    assertThat(delta(before.last24Hours(), after.last24Hours(), "DEAD_LETTER")).isEqualTo(1);
    assertThat(delta(before.last24Hours(), after.last24Hours(), "SENT")).isZero();
    assertThat(delta(before.last7Days(), after.last7Days(), "DEAD_LETTER")).isEqualTo(2);
    assertThat(delta(before.last7Days(), after.last7Days(), "SENT")).isEqualTo(1);
    java.util.Map<java.time.LocalDate, long[]> perDay = new java.util.HashMap<>();
    for (int i = 0; i < 3; i++) {
      long[] expected =
          perDay.computeIfAbsent(
              java.time.LocalDate.ofInstant(at[i], OverviewService.SEOUL), d -> new long[2]);
      expected[end[i] == NotificationState.SENT ? 0 : 1]++;
    }
    for (int d = 0; d < 7; d++) {
      var was = before.days().get(d);
      var is = after.days().get(d);
      long[] expected = perDay.getOrDefault(is.day(), new long[2]);
      assertThat(is.sent() - was.sent()).as("sent on " + is.day()).isEqualTo(expected[0]);
      assertThat(is.deadLetter() - was.deadLetter())
          .as("dead letters on " + is.day())
          .isEqualTo(expected[1]);
    }
  }

  private static long delta(
      NotificationQueryService.Stats before, NotificationQueryService.Stats after, String state) {
    return after.counts().get(state) - before.counts().get(state);
  }

  /** Counted afresh (these tests write notifications stamped in the past), then read. */
  private OverviewService.Overview overview() {
    assertThat(counting.countWholeWeek().block()).isNotNull();
    return web.get()
        .uri("/api/notifications/overview")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(OverviewService.Overview.class)
        .returnResult()
        .getResponseBody();
  }

  private void createFailed(String name, String code, Instant at) {
    var seed = new NotificationSeed(id(name), "cj", tn(name), "DELIVERED", orderId, "01012345678");
    store.ensure(seed, NotificationState.PENDING, null, at).block();
    var attempt =
        new AttemptDocument(
            "mk-" + tn(name),
            Channel.SMS,
            1,
            "mk-" + tn(name),
            AttemptState.FAILED,
            code,
            "failed",
            true,
            at,
            at,
            null);
    store.addAttempt(id(name), attempt, at).block();
  }

  private NotificationQueryService.Stats stats() {
    return web.get()
        .uri("/api/notifications/stats?window=PT24H")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(NotificationQueryService.Stats.class)
        .returnResult()
        .getResponseBody();
  }

  private void badRequest(String query, String code) {
    web.get()
        .uri("/api/notifications?" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(code);
  }

  private NotificationResponse.Page list(String query) {
    return web.get()
        .uri("/api/notifications?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<NotificationResponse.Page>() {})
        .returnResult()
        .getResponseBody();
  }

  private void create(String name, String order, Instant at) {
    create(name, order, "01012345678", "DELIVERED", Channel.ALIMTALK, at);
  }

  private void create(String name, String phone, String status, Channel channel, Instant at) {
    create(name, orderId, phone, status, channel, at);
  }

  private void create(
      String name, String order, String phone, String status, Channel channel, Instant at) {
    String id = id(name, status);
    var seed = new NotificationSeed(id, "cj", tn(name), status, order, phone);
    store.ensure(seed, NotificationState.PENDING, null, at).block();
    var attempt =
        new AttemptDocument(
            "mk-" + tn(name),
            channel,
            1,
            "mk-" + tn(name),
            AttemptState.PENDING,
            null,
            null,
            false,
            at,
            null,
            null);
    store.addAttempt(id, attempt, at).block();
  }

  private List<String> ids(String query) {
    return list(query).items().stream().map(NotificationResponse::id).toList();
  }

  private String tn(String name) {
    return orderId + "-" + name;
  }

  private String id(String name) {
    return id(name, "DELIVERED");
  }

  private String id(String name, String status) {
    return "cj:" + tn(name) + ":" + status;
  }
}
