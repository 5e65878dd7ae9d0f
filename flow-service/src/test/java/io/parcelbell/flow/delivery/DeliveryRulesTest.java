package io.parcelbell.flow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers are retried, when, and when a destination is given up on. */
class DeliveryRulesTest {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @ParameterizedTest
  @CsvSource({
    "200, DELIVERED",
    "204, DELIVERED",
    "299, DELIVERED",
    "301, FAILED",
    "302, FAILED",
    "400, FAILED",
    "401, FAILED",
    "404, FAILED",
    "408, RETRY",
    "409, RETRY",
    "410, DISABLE_DESTINATION",
    "413, FAILED",
    "425, RETRY",
    "429, RETRY",
    "500, RETRY",
    "502, RETRY",
    "503, RETRY"
  })
  void eachAnswerHasItsVerdict(int status, Verdict verdict) {
    assertThat(Verdict.of(AttemptResult.answered(status, null))).isEqualTo(verdict);
  }

  @Test
  void noAnswerIsRetried() {
    assertThat(Verdict.of(AttemptResult.noAnswer("connect timed out"))).isEqualTo(Verdict.RETRY);
  }

  @Test
  void theDefaultScheduleWaitsImmediately5s5m30m2h5h10h10hThenGivesUp() {
    List<Duration> waits = new ArrayList<>();
    Instant at = T0;
    for (int failed = 1; ; failed++) {
      Optional<Instant> next =
          RetrySchedule.DEFAULT.nextAttemptAt(failed, at, AttemptResult.answered(503, null));
      if (next.isEmpty()) {
        break;
      }
      waits.add(Duration.between(at, next.get()));
      at = next.get();
    }

    assertThat(waits)
        .containsExactly(
            Duration.ZERO,
            Duration.ofSeconds(5),
            Duration.ofMinutes(5),
            Duration.ofMinutes(30),
            Duration.ofHours(2),
            Duration.ofHours(5),
            Duration.ofHours(10),
            Duration.ofHours(10));
    assertThat(RetrySchedule.DEFAULT.maxAttempts()).isEqualTo(9);
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndCapped() {
    var asksTwoMinutes = AttemptResult.answered(429, Duration.ofMinutes(2));
    var asksADay = AttemptResult.answered(503, Duration.ofDays(1));
    var asksLess = AttemptResult.answered(429, Duration.ofSeconds(1));

    assertThat(RetrySchedule.DEFAULT.nextAttemptAt(2, T0, asksTwoMinutes))
        .contains(T0.plus(Duration.ofMinutes(2)));
    assertThat(RetrySchedule.DEFAULT.nextAttemptAt(2, T0, asksADay))
        .contains(T0.plus(Duration.ofHours(1)));
    assertThat(RetrySchedule.DEFAULT.nextAttemptAt(3, T0, asksLess))
        .contains(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aDestinationFailingEveryAttemptForFiveDaysIsDisabledAndOneSuccessClearsIt() {
    DestinationHealth health = DestinationHealth.healthy().after(Verdict.RETRY, T0);
    health = health.after(Verdict.FAILED, T0.plus(Duration.ofDays(2)));

    assertThat(health.failingSince()).isEqualTo(T0);
    assertThat(
            health.disable(
                Verdict.RETRY,
                T0.plus(Duration.ofDays(5)).minusSeconds(1),
                DestinationHealth.DEFAULT_DISABLE_AFTER))
        .isFalse();
    assertThat(
            health.disable(
                Verdict.RETRY,
                T0.plus(Duration.ofDays(5)),
                DestinationHealth.DEFAULT_DISABLE_AFTER))
        .isTrue();

    DestinationHealth recovered = health.after(Verdict.DELIVERED, T0.plus(Duration.ofDays(3)));
    assertThat(recovered.failingSince()).isNull();
    assertThat(
            recovered.disable(
                Verdict.DELIVERED,
                T0.plus(Duration.ofDays(9)),
                DestinationHealth.DEFAULT_DISABLE_AFTER))
        .isFalse();
  }

  @Test
  void goneDisablesAtOnce() {
    assertThat(
            DestinationHealth.healthy()
                .after(Verdict.DISABLE_DESTINATION, T0)
                .disable(Verdict.DISABLE_DESTINATION, T0, DestinationHealth.DEFAULT_DISABLE_AFTER))
        .isTrue();
  }
}
