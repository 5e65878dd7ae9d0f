package io.parcelbell.flow.destinations;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.parcelbell.flow.config.FlowProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** A destination read that never answers must not hold every delivery to it for good. */
class DestinationReadTimeoutTest {

  private final ReactiveMongoTemplate mongo = mock(ReactiveMongoTemplate.class);
  private final DestinationStore store =
      new DestinationStore(mongo, null, properties(Duration.ofMinutes(1)));

  @Test
  void aReadThatNeverAnswersFailsAndIsNotKept() {
    DestinationDocument found = mock(DestinationDocument.class);
    when(mongo.findById(eq("dst_1"), eq(DestinationDocument.class)))
        .thenReturn(Mono.never(), Mono.just(found));

    StepVerifier.withVirtualTime(() -> store.findForDelivery("dst_1"))
        .thenAwait(Duration.ofSeconds(11))
        .expectError(TimeoutException.class)
        .verify(Duration.ofSeconds(5));

    // Not a cached failure: the next attempt reads again, and that answer is kept.
    StepVerifier.create(store.findForDelivery("dst_1")).expectNext(found).verifyComplete();
    StepVerifier.create(store.findForDelivery("dst_1")).expectNext(found).verifyComplete();
    verify(mongo, times(2)).findById(any(), eq(DestinationDocument.class));
  }

  private static FlowProperties properties(Duration cache) {
    return new FlowProperties(
        List.of(),
        Duration.ofSeconds(15),
        Duration.ofDays(5),
        List.of(Duration.ZERO),
        Duration.ofHours(1),
        Duration.ofSeconds(1),
        64,
        Duration.ofMinutes(2),
        cache,
        new FlowProperties.Holidays(List.of()),
        Duration.ofDays(90),
        Duration.ofDays(30),
        null);
  }
}
