package io.parcelbell.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.Channel;
import org.junit.jupiter.api.Test;

class ShortMessageTest {

  @Test
  void hangulCountsTwoBytesAndAsciiOne() {
    assertThat(EucKr.byteLength("배송 완료 ok")).isEqualTo(2 * 4 + 2 + 2);
  }

  @Test
  void ninetyBytesIsStillAnSms() {
    String text = "가".repeat(45);

    ShortMessage message = ShortMessage.of(text, "제목");

    assertThat(message.channel()).isEqualTo(Channel.SMS);
    assertThat(message.title()).isNull();
    assertThat(message.text()).isEqualTo(text);
  }

  @Test
  void ninetyOneBytesGoesAsLmsWithTheTitle() {
    String text = "가".repeat(45) + "a";

    ShortMessage message = ShortMessage.of(text, "배송 완료 안내");

    assertThat(message.channel()).isEqualTo(Channel.LMS);
    assertThat(message.title()).isEqualTo("배송 완료 안내");
    assertThat(message.text()).isEqualTo(text);
  }

  @Test
  void emojiAreReplacedPredictablyAndCountedAsOneByte() {
    String text = "배송 완료 🎉 감사합니다 😀";

    String encodable = EucKr.encodable(text);

    assertThat(encodable).isEqualTo("배송 완료 ? 감사합니다 ?");
    assertThat(EucKr.byteLength(encodable)).isEqualTo(2 * 9 + 4 + 2);
    assertThat(ShortMessage.of(text, null).text()).isEqualTo(encodable);
  }

  @Test
  void emojiDoNotPushAnSmsOverTheLimit() {
    // 44 Hangul (88 bytes) + an emoji (2 UTF-16 chars, 4 UTF-8 bytes) = 89 EUC-KR bytes after '?'.
    ShortMessage message = ShortMessage.of("가".repeat(44) + "🎉", null);

    assertThat(message.channel()).isEqualTo(Channel.SMS);
    assertThat(message.text()).endsWith("가?");
  }

  @Test
  void lmsTitleAndTextAreCutAtTheCarrierLimitsOnCharacterBoundaries() {
    ShortMessage message = ShortMessage.of("나".repeat(1500), "제".repeat(30));

    assertThat(message.channel()).isEqualTo(Channel.LMS);
    assertThat(message.title()).isEqualTo("제".repeat(20));
    assertThat(EucKr.byteLength(message.text())).isEqualTo(2000);
  }

  @Test
  void anLmsWithoutConfiguredTitleGetsTheDefaultTitle() {
    assertThat(ShortMessage.of("다".repeat(100), null).title()).isEqualTo("배송 알림");
  }

  @Test
  void truncateNeverSplitsACharacter() {
    assertThat(EucKr.truncate("가나다", 5)).isEqualTo("가나");
    assertThat(EucKr.truncate("ab", 5)).isEqualTo("ab");
  }
}
