package io.parcelbell.notifier.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusOrderTest {

  @Test
  void anEarlierStatusOfTheJourneyIsBehind() {
    assertThat(StatusOrder.isBehind("IN_TRANSIT", "DELIVERED")).isTrue();
    assertThat(StatusOrder.isBehind("PICKED_UP", "OUT_FOR_DELIVERY")).isTrue();
    assertThat(StatusOrder.isBehind("in_transit", "DELIVERED")).isTrue();
  }

  @Test
  void theSameOrALaterStatusIsNot() {
    assertThat(StatusOrder.isBehind("DELIVERED", "IN_TRANSIT")).isFalse();
    assertThat(StatusOrder.isBehind("IN_TRANSIT", "IN_TRANSIT")).isFalse();
  }

  @Test
  void statusesOffTheJourneyAreNeverBehindNorAhead() {
    assertThat(StatusOrder.isBehind("RETURNED", "DELIVERED")).isFalse();
    assertThat(StatusOrder.isBehind("IN_TRANSIT", "RETURNED")).isFalse();
  }
}
