package io.parcelbell.flow.config;

import io.parcelbell.contracts.SchedulingThreads;
import org.junit.jupiter.api.Test;

class SchedulingThreadsTest {

  @Test
  void everyScheduleHasAThreadOfItsOwn() {
    SchedulingThreads.assertAThreadPerSchedule("io.parcelbell.flow");
  }
}
