package io.parcelbell.report.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.contracts.CloudEventHeaders;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.audit.AuditActions;
import io.parcelbell.contracts.audit.AuditActor;
import io.parcelbell.contracts.audit.AuditRecorded;
import io.parcelbell.contracts.audit.AuditStore;
import io.parcelbell.contracts.audit.AuditTarget;
import io.parcelbell.contracts.audit.AuditTrail;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.kafka.EventJson;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationSeed;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.support.DeadLetters;
import io.parcelbell.report.support.IntegrationTest;
import io.parcelbell.report.support.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Every change a person makes is in the audit log, with who did it and the request id: in MongoDB
 * (GET /api/audit) and on parcelbell.audit.v1. The export is today's change through this API.
 */
@IntegrationTest
class AuditIntegrationTest {

  @Autowired WebTestClient web;
  @Autowired NotificationStore store;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ReactiveMongoTemplate mongo;
  @Autowired AuditStore auditStore;
  @Autowired AuditTrail trail;

  final String run = UUID.randomUUID().toString().substring(0, 8);
  final String operator = "op-" + run;

  @Test
  void anExportIsMaskedExcelReadyAndAuditedWithWhoAndTheRequestId() {
    seed("a", "ORD-" + run);
    seed("b", "=HYPERLINK(\"http://evil.example\")");

    byte[] csv =
        asOperator()
            .get()
            .uri("/api/notifications/export?state=DEAD_LETTER")
            .header("X-Request-Id", "req-" + run)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("text/csv;charset=UTF-8")
            .expectHeader()
            .valueMatches(
                "Content-Disposition", "attachment; filename=\"parcelbell-notifications.csv\"")
            .expectBody()
            .returnResult()
            .getResponseBody();

    String text = new String(csv, StandardCharsets.UTF_8);
    assertThat(csv).startsWith(0xEF, 0xBB, 0xBF); // the BOM Excel needs for Korean
    assertThat(text.lines().findFirst().orElseThrow()).contains("trackingNumber", "recipient");
    assertThat(text)
        .contains(tn("a"), "010-****-5678", "DEAD_LETTER")
        .contains("'=HYPERLINK(") // stays text in a spreadsheet
        .doesNotContain("01012345678");

    AuditRecorded recorded = auditBy(operator).get(0);
    assertThat(recorded.action()).isEqualTo(AuditActions.NOTIFICATION_EXPORT);
    assertThat(recorded.actor()).isEqualTo(new AuditActor(operator, "Kim Operator", null));
    assertThat(recorded.target()).isEqualTo(new AuditTarget("notifications", "export"));
    assertThat(recorded.requestId()).isEqualTo("req-" + run);
    assertThat(recorded.service()).isEqualTo("report-service");
    assertThat(recorded.details()).containsExactly(Map.entry("state", "DEAD_LETTER"));

    try (Consumer<String, byte[]> topic = auditTopic()) {
      List<ConsumerRecord<String, byte[]>> published = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                topic.poll(Duration.ofMillis(200)).forEach(published::add);
                return published.stream()
                    .anyMatch(
                        r ->
                            r.value() != null
                                && new String(r.value(), StandardCharsets.UTF_8)
                                    .contains(recorded.auditId()));
              });
      ConsumerRecord<String, byte[]> mine =
          published.stream()
              .filter(
                  r -> new String(r.value(), StandardCharsets.UTF_8).contains(recorded.auditId()))
              .findFirst()
              .orElseThrow();
      assertThat(mine.key()).isEqualTo("notifications:export");
      assertThat(
              new String(
                  mine.headers().lastHeader(CloudEventHeaders.TYPE).value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(AuditRecorded.TYPE);
      assertThat(EventJson.mapper().readValue(mine.value(), AuditRecorded.class))
          .isEqualTo(recorded);
    }
  }

  @Test
  void anotherServicesRecordsFromTheTopicJoinTheLogOnceEvenWhenRedeliveredAndJunkIsParked()
      throws Exception {
    var fromFlows = flowChange("2026-11-30T10:00:00Z", "2");
    var sentinel = flowChange("2026-11-30T10:05:00Z", "3");
    var producers =
        new DefaultKafkaProducerFactory<String, byte[]>(
            KafkaTestUtils.producerProps(broker),
            new StringSerializer(),
            new ByteArraySerializer());
    try {
      var kafka = new KafkaTemplate<>(producers);
      byte[] json = EventJson.mapper().writeValueAsBytes(fromFlows);
      kafka.send(new ProducerRecord<>(Topics.AUDIT, fromFlows.key(), json)).get();
      kafka.send(new ProducerRecord<>(Topics.AUDIT, fromFlows.key(), json)).get(); // redelivered
      // Same key, so behind the duplicate on the same partition: junk, then the sentinel.
      kafka
          .send(
              new ProducerRecord<>(
                  Topics.AUDIT, fromFlows.key(), "{not json".getBytes(StandardCharsets.UTF_8)))
          .get();
      kafka
          .send(
              new ProducerRecord<>(
                  Topics.AUDIT, sentinel.key(), EventJson.mapper().writeValueAsBytes(sentinel)))
          .get();
    } finally {
      producers.destroy();
    }

    // Once the sentinel is in, everything before it on the partition has been handled.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(page("targetType=flow&targetId=flow-" + run).items())
                    .contains(sentinel));
    assertThat(page("targetType=flow&targetId=flow-" + run).items())
        .containsExactly(sentinel, fromFlows);
    assertThat(DeadLetters.keys(broker, Topics.AUDIT, Duration.ofSeconds(3)))
        .contains(fromFlows.key());
  }

  @Test
  void aRecordStoredWhileKafkaWasUnreachableIsPublishedByTheRelay() {
    var stranded =
        new AuditRecorded(
            UUID.randomUUID().toString(),
            Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS),
            "report-service",
            AuditActions.NOTIFICATION_EXPORT,
            new AuditActor(operator, "Kim Operator", null),
            new AuditTarget("notifications", "export"),
            "req-stranded-" + run,
            Map.of());
    auditStore.save(stranded, false).block();

    assertThat(trail.publishPending(Duration.ofMinutes(1), 500).block()).isPositive();

    try (Consumer<String, byte[]> topic = auditTopic()) {
      List<String> published = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                topic
                    .poll(Duration.ofMillis(200))
                    .forEach(r -> published.add(new String(r.value(), StandardCharsets.UTF_8)));
                return published.stream().anyMatch(v -> v.contains(stranded.auditId()));
              });
    }
    // Marked: the next pass does not send it again.
    assertThat(
            mongo
                .findById(stranded.auditId(), org.bson.Document.class, AuditStore.COLLECTION)
                .block()
                .getBoolean("published"))
        .isTrue();
  }

  private AuditRecorded flowChange(String at, String version) {
    return new AuditRecorded(
        UUID.randomUUID().toString(),
        Instant.parse(at),
        "flow-service",
        "flow.update",
        new AuditActor(operator, "Kim Operator", "parcelbell-console"),
        new AuditTarget("flow", "flow-" + run),
        "req-flow-" + run,
        Map.of("version", version));
  }

  @Test
  void theLogPagesNewestFirstWithACursorAndRefusesHostileParameters() {
    for (int i = 0; i < 3; i++) {
      asOperator()
          .get()
          .uri("/api/notifications/export?orderId=PAGE-" + run + "-" + i)
          .exchange()
          .expectStatus()
          .isOk();
    }

    var first = page("actor=" + operator + "&limit=2");
    assertThat(first.items()).hasSize(2);
    assertThat(first.nextCursor()).isNotNull();
    var second = page("actor=" + operator + "&limit=2&cursor=" + first.nextCursor());
    List<String> orders = new ArrayList<>();
    first.items().forEach(r -> orders.add(r.details().get("orderId")));
    second.items().forEach(r -> orders.add(r.details().get("orderId")));
    assertThat(orders)
        .containsExactly("PAGE-" + run + "-2", "PAGE-" + run + "-1", "PAGE-" + run + "-0");
    assertThat(second.nextCursor()).isNull();

    badRequest("limit=0", "INVALID_LIMIT");
    badRequest("cursor=not-a-cursor", "INVALID_CURSOR");
    badRequest("actor=" + "x".repeat(201), "INVALID_FILTER");
  }

  record Page(List<AuditRecorded> items, String nextCursor) {}

  private Page page(String query) {
    return SignedIn.asViewer(web)
        .get()
        .uri("/api/audit?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(new ParameterizedTypeReference<Page>() {})
        .returnResult()
        .getResponseBody();
  }

  private List<AuditRecorded> auditBy(String subject) {
    return page("actor=" + subject).items();
  }

  private void badRequest(String query, String code) {
    SignedIn.asViewer(web)
        .get()
        .uri("/api/audit?" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.code")
        .isEqualTo(code);
  }

  private WebTestClient asOperator() {
    String token =
        TestIssuer.get()
            .token(
                claims ->
                    claims
                        .subject(operator)
                        .claim("name", "Kim Operator")
                        .claim("roles", List.of("OPERATOR")));
    return web.mutate().defaultHeader("Authorization", "Bearer " + token).build();
  }

  private Consumer<String, byte[]> auditTopic() {
    Map<String, Object> props =
        KafkaTestUtils.consumerProps("audit-reader-" + UUID.randomUUID(), "false", broker);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Consumer<String, byte[]> consumer =
        new DefaultKafkaConsumerFactory<>(
                props, new StringDeserializer(), new ByteArrayDeserializer())
            .createConsumer();
    consumer.subscribe(List.of(Topics.AUDIT));
    return consumer;
  }

  private void seed(String name, String order) {
    var seed = new NotificationSeed(id(name), "cj", tn(name), "DELIVERED", order, "01012345678");
    store.ensure(seed, NotificationState.DEAD_LETTER, null, Instant.now()).block();
    // The seed masks on the way in; a raw number stored by any path must still leave masked.
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(id(name))),
            Update.update("recipient", "01012345678"),
            NotificationDocument.COLLECTION)
        .block();
  }

  private String tn(String name) {
    return "AUD-" + run + "-" + name;
  }

  private String id(String name) {
    return "cj:" + tn(name) + ":DELIVERED";
  }
}
