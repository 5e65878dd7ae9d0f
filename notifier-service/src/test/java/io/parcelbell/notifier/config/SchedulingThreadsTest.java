package io.parcelbell.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.SchedulingThreads;
import org.junit.jupiter.api.Test;

class SchedulingThreadsTest {

  @Test
  void everyScheduleHasAThreadOfItsOwn() {
    var schedules = SchedulingThreads.schedules("io.parcelbell.notifier");
    assertThat(schedules).isNotEmpty();
    assertThat(SchedulingThreads.poolSize())
        .as("threads for %s", schedules)
        .isGreaterThanOrEqualTo(schedules.size());
  }
}
