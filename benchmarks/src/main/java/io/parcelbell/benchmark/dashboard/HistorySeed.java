package io.parcelbell.benchmark.dashboard;

import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import io.parcelbell.contracts.events.NotificationState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Writes a generated history straight into report-service's database, before the service starts:
 * {@code insertMany} in batches (unordered), the notifications and the Bizgo reports stored for
 * their attempts. Counts what it wrote per state, overall and in the overview's windows, so the
 * overview's answer can be checked against it.
 */
final class HistorySeed {

  static final int BATCH = 1_000;

  /** What was written, and how long it took. */
  record Seeded(
      int notifications,
      int reports,
      Map<NotificationState, Integer> byState,
      Map<NotificationState, Integer> last7Days,
      Map<NotificationState, Integer> last24Hours,
      Duration took) {

    double documentsPerSecond() {
      return (notifications + reports) / (took.toNanos() / 1e9);
    }
  }

  private HistorySeed() {}

  static Seeded write(String uri, int notifications, long seed, Instant now) {
    var byState = new EnumMap<NotificationState, Integer>(NotificationState.class);
    var week = new EnumMap<NotificationState, Integer>(NotificationState.class);
    var day = new EnumMap<NotificationState, Integer>(NotificationState.class);
    for (NotificationState state : NotificationState.values()) {
      byState.put(state, 0);
      week.put(state, 0);
      day.put(state, 0);
    }
    Date weekAgo = Date.from(now.minus(Duration.ofDays(7)));
    Date dayAgo = Date.from(now.minus(Duration.ofHours(24)));
    var generator = new HistoryGenerator(seed, now);
    int reports = 0;
    long start = System.nanoTime();
    try (var client = MongoClients.create(uri)) {
      var database = client.getDatabase(uri.substring(uri.lastIndexOf('/') + 1));
      MongoCollection<Document> history = database.getCollection("notifications");
      MongoCollection<Document> stored = database.getCollection("bizgo_reports");
      List<Document> docs = new ArrayList<>(BATCH);
      List<Document> reportDocs = new ArrayList<>(BATCH * 2);
      for (int i = 0; i < notifications; i++) {
        var generated = generator.next(i);
        docs.add(generated.notification());
        reportDocs.addAll(generated.reports());
        NotificationState state = generated.state();
        byState.merge(state, 1, Integer::sum);
        Date createdAt = generated.notification().getDate("createdAt");
        if (!createdAt.before(weekAgo)) {
          week.merge(state, 1, Integer::sum);
        }
        if (!createdAt.before(dayAgo)) {
          day.merge(state, 1, Integer::sum);
        }
        if (docs.size() == BATCH || i == notifications - 1) {
          insert(history, docs);
        }
        if (reportDocs.size() >= BATCH || i == notifications - 1) {
          reports += reportDocs.size();
          insert(stored, reportDocs);
        }
      }
    }
    return new Seeded(
        notifications, reports, byState, week, day, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void insert(MongoCollection<Document> collection, List<Document> docs) {
    if (!docs.isEmpty()) {
      collection.insertMany(docs, new InsertManyOptions().ordered(false));
      docs.clear();
    }
  }
}
