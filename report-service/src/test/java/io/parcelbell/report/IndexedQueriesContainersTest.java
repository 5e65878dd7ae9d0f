package io.parcelbell.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.parcelbell.contracts.Topics;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.contracts.events.NotificationState;
import io.parcelbell.contracts.events.ParcelbellEvent;
import io.parcelbell.contracts.security.TestIssuer;
import io.parcelbell.report.metrics.ReportMetrics;
import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.NotificationStore;
import io.parcelbell.report.store.RawReport;
import io.parcelbell.report.store.WaitingReports;
import io.parcelbell.report.support.Events;
import io.parcelbell.report.support.ExplainPlans;
import io.parcelbell.report.support.SignedIn;
import io.parcelbell.report.sweep.PendingSweeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Every query report-service sends to a real MongoDB uses an index: the commands are recorded while
 * the service settles, answers the history API with each filter and a cursor, sweeps and refreshes
 * its gauges, and then each is explained ({@code queryPlanner}); no winning plan may contain a
 * COLLSCAN. The retention TTL indexes exist with their configured expiry. Skips where no Docker
 * runs.
 */
@Testcontainers(disabledWithoutDocker = true)
@AutoConfigureWebTestClient
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "parcelbell.report.bizgo.allowed-ips=0.0.0.0/0,::/0",
      "parcelbell.report.sweep-enabled=false",
      "parcelbell.report.retention.history=90d",
      "parcelbell.report.retention.reports=7d"
    })
@Import(IndexedQueriesContainersTest.RecordedCommands.class)
@org.springframework.test.context.ContextConfiguration(initializers = TestIssuer.Initializer.class)
class IndexedQueriesContainersTest {

  @Container @ServiceConnection static MongoDBContainer mongo = new MongoDBContainer("mongo:7");

  @Container @ServiceConnection
  static KafkaContainer kafka = new KafkaContainer("apache/kafka:4.2.1");

  /** Commands that read or change documents chosen by a filter: what explain() can plan. */
  static final Set<String> QUERIES =
      Set.of("find", "aggregate", "update", "findAndModify", "count", "delete", "distinct");

  /** Everything the driver adds to a command that explain() does not take. */
  static final Set<String> SESSION_FIELDS =
      Set.of("lsid", "txnNumber", "$clusterTime", "$db", "$readPreference", "apiVersion");

  @TestConfiguration(proxyBeanMethods = false)
  static class RecordedCommands {
    static final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

    @Bean
    MongoClientSettingsBuilderCustomizer recordCommands() {
      CommandListener listener =
          new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
              if (QUERIES.contains(event.getCommandName())) {
                commands.add(event.getCommand().clone());
              }
            }
          };
      return settings -> settings.addCommandListener(listener);
    }
  }

  @Autowired WebTestClient web;

  /** As a signed-in VIEWER: the history needs a token. */
  @BeforeEach
  void signInAsViewer() {
    web = SignedIn.asViewer(web);
  }

  @Autowired KafkaTemplate<String, ParcelbellEvent> template;
  @Autowired NotificationStore notifications;
  @Autowired PendingSweeper sweeper;
  @Autowired ReportMetrics metrics;
  @Autowired io.parcelbell.report.counts.CountPass counting;
  @Autowired ReactiveMongoTemplate mongoTemplate;

  @Autowired
  @Qualifier("mongoIndexes")
  HealthIndicator indexes;

  @Test
  void noQueryTheServiceRunsScansACollection() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> indexes.health(false).getStatus().equals(Status.UP));
    exerciseEveryQuery();

    List<String> scans = new ArrayList<>();
    List<BsonDocument> recorded = List.copyOf(RecordedCommands.commands);
    assertThat(recorded).as("recorded commands").isNotEmpty();
    for (BsonDocument command : recorded) {
      String collection =
          command.get(command.getFirstKey()).isString()
              ? command.getString(command.getFirstKey()).getValue()
              : "";
      if (!Set.of(NotificationDocument.COLLECTION, RawReport.COLLECTION, WaitingReports.COLLECTION)
          .contains(collection)) {
        continue;
      }
      Document explained = explain(command);
      if (ExplainPlans.scansACollection(BsonDocument.parse(explained.toJson()))) {
        scans.add(command.toJson());
      }
    }
    assertThat(scans).as("commands whose winning plan scans the collection").isEmpty();
  }

  @Test
  void theRetentionTtlIndexesHaveTheirConfiguredExpiry() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> indexes.health(false).getStatus().equals(Status.UP));
    assertThat(expiryOf(NotificationDocument.COLLECTION, "endedAt_ttl"))
        .isEqualTo(Duration.ofDays(90).toSeconds());
    assertThat(expiryOf(RawReport.COLLECTION, "receivedAt_ttl"))
        .isEqualTo(Duration.ofDays(7).toSeconds());
    assertThat(expiryOf(WaitingReports.COLLECTION, "since_ttl"))
        .isEqualTo(Duration.ofDays(7).toSeconds());
  }

  private long expiryOf(String collection, String index) {
    return mongoTemplate
        .getCollection(collection)
        .flatMapMany(c -> c.listIndexes())
        .filter(i -> index.equals(i.getString("name")))
        .map(i -> ((Number) i.get("expireAfterSeconds")).longValue())
        .blockFirst(Duration.ofSeconds(10));
  }

  /** The service's paths that query MongoDB, each at least once. */
  private void exerciseEveryQuery() {
    Events sent = Events.freshShipment();
    Events waiting = Events.freshShipment();
    // A report before its dispatch (stored unapplied), then the dispatch (applies it by msgKey).
    postReport(waiting.report(Channel.ALIMTALK, "10000", "성공"));
    publish(sent.dispatched(Channel.ALIMTALK, 1, true));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> notifications.findById(sent.notificationId()).blockOptional().isPresent());
    postReport(sent.report(Channel.ALIMTALK, "10000", "성공"));
    publish(waiting.dispatchedWithUnknownMsgKey(Channel.ALIMTALK, 1, true));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notifications.findById(sent.notificationId()).block().state()
                    == NotificationState.SENT);

    for (String query :
        List.of(
            "",
            "?orderId=" + sent.orderId(),
            "?trackingNumber=" + sent.tracking(),
            "?state=SENT",
            "?orderId=" + sent.orderId() + "&state=SENT",
            "?phoneLast4=5678",
            "?channel=SMS",
            "?shipmentStatus=DELIVERED",
            "?since=2026-01-01T00:00:00Z&until=2027-01-01T00:00:00Z",
            "?state=DEAD_LETTER&channel=ALIMTALK&since=2026-01-01T00:00:00Z")) {
      get("/api/notifications" + query);
    }
    String next =
        web.get()
            .uri("/api/notifications?limit=1")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Document.class)
            .returnResult()
            .getResponseBody()
            .getString("nextCursor");
    if (next != null) {
      get("/api/notifications?limit=1&cursor=" + next);
    }
    get("/api/notifications/" + sent.notificationId());
    get("/api/notifications/stats");
    get("/api/notifications/overview");
    // The dashboard's counting: the whole week, then what changed since (by updatedAt).
    counting.countWholeWeek().block(Duration.ofSeconds(30));
    counting.count().block(Duration.ofSeconds(30));
    sweeper.sweep().block(Duration.ofSeconds(60));
    metrics.refresh().block(Duration.ofSeconds(10));
  }

  private Document explain(BsonDocument command) {
    BsonDocument plain = new BsonDocument();
    command.forEach(
        (key, value) -> {
          if (!SESSION_FIELDS.contains(key)) {
            plain.put(key, value);
          }
        });
    return mongoTemplate
        .executeCommand(new Document("explain", plain).append("verbosity", "queryPlanner"))
        .block(Duration.ofSeconds(10));
  }

  private void publish(ParcelbellEvent event) {
    template.send(Topics.NOTIFICATION_LIFECYCLE, event.shipmentKey(), event).join();
  }

  private void postReport(String body) {
    web.post()
        .uri("/webhook/bizgo/report")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(body)
        .exchange()
        .expectStatus()
        .isOk();
  }

  private void get(String uri) {
    web.get().uri(uri).exchange().expectStatus().isOk();
  }
}
