package io.parcelbell.localstack.sandbox;

import io.parcelbell.contracts.events.Channel;
import java.util.Optional;

/**
 * What the sandbox "delivers", chosen by the recipient's last four digits so every path of the
 * notifier and report-service can be driven from a webhook alone:
 *
 * <ul>
 *   <li>{@code 4016}: Alimtalk fails with 64016 (not a KakaoTalk user); SMS/LMS are delivered.
 *   <li>{@code 9999}: every channel fails: Alimtalk 64016, SMS/LMS 23000 "단말기 수신 불가 (handset
 *       unreachable)".
 *   <li>{@code 0000}: no report is ever produced (the stale-report sweep's path).
 *   <li>anything else: delivered, 10000 "성공".
 * </ul>
 */
record DeliveryOutcome(String reportCode, String reportText) {

  static final String DELIVERED = "10000";
  static final String NOT_KAKAOTALK_USER = "64016";
  static final String HANDSET_UNREACHABLE = "23000";

  static Optional<DeliveryOutcome> of(Channel channel, String to) {
    String digits = to.replaceAll("\\D", "");
    String last4 = digits.length() >= 4 ? digits.substring(digits.length() - 4) : digits;
    boolean alimtalk = channel == Channel.ALIMTALK;
    return switch (last4) {
      case "0000" -> Optional.empty();
      case "4016" -> Optional.of(alimtalk ? notKakaoTalkUser() : delivered());
      case "9999" ->
          Optional.of(
              alimtalk
                  ? notKakaoTalkUser()
                  : new DeliveryOutcome(HANDSET_UNREACHABLE, "단말기 수신 불가 (handset unreachable)"));
      default -> Optional.of(delivered());
    };
  }

  private static DeliveryOutcome delivered() {
    return new DeliveryOutcome(DELIVERED, "성공");
  }

  private static DeliveryOutcome notKakaoTalkUser() {
    return new DeliveryOutcome(NOT_KAKAOTALK_USER, "카카오톡 미사용자");
  }
}
