package io.parcelbell.notifier.quiethours;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuietHoursPolicyTest {

  static QuietHoursPolicy policy(String start, String end) {
    return new QuietHoursPolicy(
        new NotifierProperties(
            null,
            new NotifierProperties.QuietHours(
                LocalTime.parse(start),
                LocalTime.parse(end),
                ZoneId.of("Asia/Seoul"),
                List.of("delivered"),
                Duration.ofSeconds(30),
                500),
            Duration.ofHours(24),
            Duration.ofSeconds(60),
            256,
            Map.of()));
  }

  /** Seoul is UTC+9 all year. */
  static Instant seoul(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Asia/Seoul")).toInstant();
  }

  private final QuietHoursPolicy defaults = policy("21:00", "08:00");

  @Test
  void daytimeIsSentNow() {
    assertThat(defaults.releaseAt("IN_TRANSIT", seoul("2026-04-24T08:00"))).isEmpty();
    assertThat(defaults.releaseAt("IN_TRANSIT", seoul("2026-04-24T20:59:59"))).isEmpty();
  }

  @Test
  void theEveningIsHeldUntilTheNextMorning() {
    assertThat(defaults.releaseAt("IN_TRANSIT", seoul("2026-04-24T21:00")))
        .contains(seoul("2026-04-25T08:00"));
    assertThat(defaults.releaseAt("IN_TRANSIT", seoul("2026-04-24T23:59")))
        .contains(seoul("2026-04-25T08:00"));
  }

  @Test
  void theEarlyMorningIsHeldUntilTheSameMorning() {
    assertThat(defaults.releaseAt("OUT_FOR_DELIVERY", seoul("2026-04-25T00:00")))
        .contains(seoul("2026-04-25T08:00"));
    assertThat(defaults.releaseAt("OUT_FOR_DELIVERY", seoul("2026-04-25T07:59:59")))
        .contains(seoul("2026-04-25T08:00"));
  }

  @Test
  void exemptStatusesAreSentAtAnyHourWhateverTheirCase() {
    assertThat(defaults.releaseAt("DELIVERED", seoul("2026-04-24T23:00"))).isEmpty();
    assertThat(defaults.releaseAt("delivered", seoul("2026-04-24T23:00"))).isEmpty();
  }

  @Test
  void aWindowWithinOneDayWorksToo() {
    QuietHoursPolicy lunch = policy("12:00", "13:00");
    assertThat(lunch.releaseAt("PICKED_UP", seoul("2026-04-24T12:30")))
        .contains(seoul("2026-04-24T13:00"));
    assertThat(lunch.releaseAt("PICKED_UP", seoul("2026-04-24T13:00"))).isEmpty();
    assertThat(lunch.releaseAt("PICKED_UP", seoul("2026-04-24T23:00"))).isEmpty();
  }
}
