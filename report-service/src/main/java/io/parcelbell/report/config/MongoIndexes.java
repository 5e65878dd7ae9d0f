package io.parcelbell.report.config;

import io.parcelbell.report.store.NotificationDocument;
import io.parcelbell.report.store.RawReport;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The indexes the queries need on real MongoDB (mongo-java-server accepts and ignores them).
 * Created in the background: a missing index slows queries down but must not stop the service.
 */
@Component
class MongoIndexes {

  private final ReactiveMongoTemplate mongo;

  MongoIndexes(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensureIndexes() {
    var notifications = mongo.indexOps(NotificationDocument.COLLECTION);
    var reports = mongo.indexOps(RawReport.COLLECTION);
    Flux.concat(
            notifications.ensureIndex(new Index().on("attempts.msgKey", Sort.Direction.ASC)),
            notifications.ensureIndex(
                new Index().on("orderId", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)),
            notifications.ensureIndex(
                new Index()
                    .on("trackingNumber", Sort.Direction.ASC)
                    .on("createdAt", Sort.Direction.DESC)),
            notifications.ensureIndex(
                new Index().on("state", Sort.Direction.ASC).on("createdAt", Sort.Direction.DESC)),
            notifications.ensureIndex(
                new Index().on("createdAt", Sort.Direction.DESC).on("_id", Sort.Direction.DESC)),
            reports.ensureIndex(
                new Index().on("msgKey", Sort.Direction.ASC).on("applied", Sort.Direction.ASC)))
        .onErrorResume(e -> Flux.empty())
        .subscribe();
  }
}
