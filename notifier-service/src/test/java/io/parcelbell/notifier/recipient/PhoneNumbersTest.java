package io.parcelbell.notifier.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {

  @ParameterizedTest
  @CsvSource({
    "01012345678, 01012345678",
    "010-1234-5678, 01012345678",
    "010 1234 5678, 01012345678",
    "+82 10-1234-5678, 01012345678",
    "+82-010-1234-5678, 01012345678",
    "821012345678, 01012345678",
    "011-123-4567, 0111234567",
    "016-1234-5678, 01612345678",
    "019 123 4567, 0191234567"
  })
  void normalizesKoreanMobileNumbers(String raw, String expected) {
    assertThat(PhoneNumbers.normalize(raw)).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "02-123-4567", // Seoul landline
        "012-1234-5678", // not a mobile prefix
        "010-123-456", // too short
        "010-1234-56789", // too long
        "+1 415 555 0100",
        "not a phone"
      })
  void rejectsEverythingElse(String raw) {
    assertThat(PhoneNumbers.normalize(raw)).isEmpty();
  }
}
