package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnknownMsgKeyTest {

  @Test
  void theMarkerIsThePrefixAndTheIdempotencyKey() {
    assertThat(UnknownMsgKey.of("cj:123:DELIVERED:1"))
        .isEqualTo("unknown-msgkey:cj:123:DELIVERED:1");
  }

  @Test
  void recognisesOnlyMarkers() {
    assertThat(UnknownMsgKey.isMarker("unknown-msgkey:cj:123:DELIVERED:1")).isTrue();
    assertThat(UnknownMsgKey.isMarker("MK-20260424-0001")).isFalse();
    assertThat(UnknownMsgKey.isMarker(null)).isFalse();
  }
}
