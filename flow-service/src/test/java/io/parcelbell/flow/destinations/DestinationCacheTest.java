package io.parcelbell.flow.destinations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parcelbell.flow.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * What a delivery attempt reads of its destination: a change made through this replica's store at
 * once, one made elsewhere (another replica) within {@code destination-cache} (1 s).
 */
@IntegrationTest
class DestinationCacheTest {

  @Autowired DestinationStore destinations;
  @Autowired ReactiveMongoTemplate mongo;

  @Test
  void aDisableHereIsSeenAtOnceAndOneElsewhereWithinTheCacheTime() {
    String id = "dst_" + UUID.randomUUID();
    Instant now = Instant.now();
    destinations.insert(destination(id, now)).block();
    assertThat(destinations.findForDelivery(id).block().enabled()).isTrue();

    destinations.disable(id, "an admin disabled it", now).block();
    assertThat(destinations.findForDelivery(id).block().enabled()).isFalse();

    destinations.enable(id, now).block();
    assertThat(destinations.findForDelivery(id).block().enabled()).isTrue();
    long readAt = System.nanoTime();

    // Another replica disables it: straight in the database, past this replica's store.
    mongo
        .updateFirst(
            Query.query(Criteria.where("_id").is(id)),
            new Update().set("enabled", false),
            DestinationDocument.class)
        .block();
    DestinationDocument soon = destinations.findForDelivery(id).block();
    if (System.nanoTime() - readAt < Duration.ofMillis(500).toNanos()) {
      // Well inside the cache time: this replica's deliveries still use what they read.
      assertThat(soon.enabled()).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> !destinations.findForDelivery(id).block().enabled());
    // The uncached read (the worker's second look before it parks or releases) sees it at once.
    assertThat(destinations.find(id).block().enabled()).isFalse();
  }

  private static DestinationDocument destination(String id, Instant now) {
    return new DestinationDocument(
        id,
        "cache test",
        "https://receiver.example/hook",
        "https://receiver.example",
        List.of(),
        null,
        "encrypted",
        null,
        null,
        true,
        null,
        null,
        null,
        now,
        now,
        List.of(),
        null);
  }
}
