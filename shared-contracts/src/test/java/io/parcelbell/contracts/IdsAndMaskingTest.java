package io.parcelbell.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.EventIds;
import io.parcelbell.contracts.events.ShipmentMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdsAndMaskingTest {

  @Test
  void notificationIdIsCourierTrackingStatus() {
    assertThat(NotificationIds.of("cj", "123456789012", "DELIVERED"))
        .isEqualTo("cj:123456789012:DELIVERED");
    assertThat(ShipmentKey.of("cj", "123456789012")).isEqualTo("cj:123456789012");
  }

  @Test
  void eventIdsAreDeterministicAndDistinguishTheirParts() {
    assertThat(EventIds.of("a", "b")).isEqualTo(EventIds.of("a", "b"));
    assertThat(EventIds.of("a", "b")).isNotEqualTo(EventIds.of("ab"));
    assertThat(EventIds.of("a:b", "c")).isNotEqualTo(EventIds.of("a", "b:c"));
  }

  @ParameterizedTest
  @CsvSource({
    "01012345678, 010-****-5678",
    "010-1234-5678, 010-****-5678",
    "+82 10-1234-5678, 010-****-5678",
    // The national 0 kept after the country code, as it is often written.
    "+82 010-1234-5678, 010-****-5678",
    "82-10-1234-5678, 010-****-5678",
    "+82 2-1234-5678, 02-****-5678",
    "+82 02-1234-5678, 02-****-5678",
    "0212345678, 02-****-5678",
    "1234, ***",
  })
  void phoneNumbersKeepOnlyPrefixAndLastFourDigits(String phone, String masked) {
    assertThat(PhoneMasking.mask(phone)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource({
    "홍길동, 홍*동",
    "남궁민수, 남**수",
    "이순, 이*",
    "김, *",
    "' 홍길동 ', 홍*동",
    "John Smith, J********h",
    "'', ''",
  })
  void namesKeepOnlyTheirFirstAndLastCharacter(String name, String masked) {
    assertThat(NameMasking.mask(name)).isEqualTo(masked);
  }

  @Test
  void aNameOutsideTheBasicPlaneIsMaskedByCharacterNotByHalf() {
    assertThat(NameMasking.mask("\uD842\uDFB7田太")).isEqualTo("\uD842\uDFB7*太");
    assertThat(NameMasking.mask(null)).isNull();
  }

  @Test
  void itemMetadataOverridesTopLevelFieldByField() {
    var top = new ShipmentMetadata("O-1", "01011112222", "홍길동", "감귤", "CJ대한통운");
    var item = new ShipmentMetadata(null, "01033334444", null, "한라봉", null);

    assertThat(top.overriddenBy(item))
        .isEqualTo(new ShipmentMetadata("O-1", "01033334444", "홍길동", "한라봉", "CJ대한통운"));
    assertThat(top.overriddenBy(null)).isEqualTo(top);
  }
}
