package io.parcelbell.report.resend;

import io.parcelbell.report.store.NotificationDocument;
import java.time.Clock;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.publisher.Mono;

/**
 * Publishes resend commands that were accepted and audited while Kafka did not take them, once they
 * are half a minute old. A pass stops at the first one Kafka refuses (it is most likely still
 * down), so it never holds the scheduler for longer than one send's timeout. Publishing a command
 * twice is harmless: the notifier acts once per ending.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ResendCommandRelay {

  private static final Logger log = LoggerFactory.getLogger(ResendCommandRelay.class);

  private final ReactiveMongoTemplate mongo;
  private final ResendCommands commands;
  private final Clock clock;

  ResendCommandRelay(ReactiveMongoTemplate mongo, ResendCommands commands, Clock clock) {
    this.mongo = mongo;
    this.commands = commands;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${parcelbell.report.resend-relay-interval:30s}")
  void relay() {
    try {
      Long sent = publishPending(Duration.ofSeconds(30)).block(Duration.ofMinutes(1));
      if (sent != null && sent > 0) {
        log.info("published {} resend commands Kafka had not taken", sent);
      }
    } catch (RuntimeException e) {
      log.warn("resend relay: {}; next try in the next interval", e.toString());
    }
  }

  Mono<Long> publishPending(Duration olderThan) {
    return mongo
        .find(
            Query.query(ResendRequests.unpublished(clock.instant().minus(olderThan))).limit(100),
            Document.class,
            NotificationDocument.COLLECTION)
        .concatMap(raw -> commands.publish(ResendCommands.fromStored(raw)).thenReturn(1L))
        .onErrorResume(
            e -> {
              log.warn("resend relay stopped for now: {}", e.toString());
              return Mono.empty();
            })
        .count();
  }
}
