package io.parcelbell.notifier.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Secondary indexes for real MongoDB: by shipment (supersede, regression guard) and by due time
 * (release job). The dedup claim needs none: it is the unique {@code _id}. mongo-java-server
 * ignores non-unique indexes, and a failure here only costs speed, so it never blocks start-up.
 */
@Component
class NotificationIndexes {

  private static final Logger log = LoggerFactory.getLogger(NotificationIndexes.class);

  private final ReactiveMongoTemplate mongo;

  NotificationIndexes(ReactiveMongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventListener(ApplicationReadyEvent.class)
  void ensure() {
    var indexes = mongo.indexOps(NotificationDocument.class);
    Flux.concat(
            indexes.ensureIndex(
                new Index()
                    .on("courierCode", Sort.Direction.ASC)
                    .on("trackingNumber", Sort.Direction.ASC)
                    .named("shipment")),
            indexes.ensureIndex(
                new Index()
                    .on("state", Sort.Direction.ASC)
                    .on("releaseAt", Sort.Direction.ASC)
                    .named("due")))
        .subscribe(
            name -> log.debug("index {} ensured", name),
            e -> log.warn("could not ensure notification indexes: {}", e.toString()));
  }
}
