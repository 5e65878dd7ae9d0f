package io.parcelbell.notifier.bizgo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-04-24T03:00:00Z"), ZoneOffset.UTC);

  @Test
  void readsDeltaSeconds() {
    assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
    assertThat(RetryAfter.parse(" 0 ", clock)).contains(Duration.ZERO);
  }

  @Test
  void readsAnHttpDateRelativeToTheClock() {
    assertThat(RetryAfter.parse("Fri, 24 Apr 2026 03:00:30 GMT", clock))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse("Fri, 24 Apr 2026 02:59:00 GMT", clock)).contains(Duration.ZERO);
  }

  @Test
  void anAbsentOrUnreadableValueIsNoRetryAfter() {
    assertThat(RetryAfter.parse(null, clock)).isEmpty();
    assertThat(RetryAfter.parse("", clock)).isEmpty();
    assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    assertThat(RetryAfter.parse("-5", clock)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", clock)).isEmpty();
  }
}
