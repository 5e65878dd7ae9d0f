package io.parcelbell.notifier.notification;

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
 * The secondary index for real MongoDB: by due time (the release job). Every other query is by
 * {@code _id} (a shipment's notifications are an {@code _id $in} of their derived ids).
 * mongo-java-server ignores non-unique indexes, and a failure here only costs speed, so it never
 * blocks start-up.
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
                    .on("state", Sort.Direction.ASC)
                    .on("releaseAt", Sort.Direction.ASC)
                    .named("due")))
        .subscribe(
            name -> log.debug("index {} ensured", name),
            e -> log.warn("could not ensure notification indexes: {}", e.toString()));
  }
}
