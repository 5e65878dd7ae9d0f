package io.parcelbell.contracts.codes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one dictionary of the codes a notification ends with: Bizgo's delivery-report codes (five
 * digits), its synchronous answer codes (A…), and parcelbell's own ({@code EXPIRED}, {@code
 * INVALID_RECIPIENT}). The console's dashboard and detail page explain failures with it, and
 * report-service's resend rule asks it whether a resend can help.
 */
public final class FailureCodes {

  private static final Map<String, FailureCode> CODES = new LinkedHashMap<>();

  static {
    add(
        "10000",
        true,
        "전달 완료: 고객의 휴대폰에 도착했습니다.",
        "조치할 것이 없습니다.",
        "Delivered: the message reached the customer's phone.",
        "Nothing to do.");
    add(
        "64008",
        true,
        "발송 권한 없음: Bizgo 계정이 정지되었거나 충전금·결제에 문제가 있습니다. 모든 메시지가 실패합니다.",
        "Bizgo 계정 상태와 결제(충전금)를 확인하고, 해결한 뒤 다시 보내세요.",
        "No permission to send: the Bizgo account is suspended or its balance or billing has a"
            + " problem. Every message fails.",
        "Check the Bizgo account and its billing (balance); once fixed, resend.");
    add(
        "64016",
        true,
        "카카오톡 사용자가 아닙니다: 알림톡을 받을 수 없어 문자(SMS/LMS)로 대신 보냈습니다.",
        "조치할 것이 없습니다. 문자 발송 결과를 확인하세요.",
        "Not a KakaoTalk user: Alimtalk cannot reach them, so SMS/LMS was used instead.",
        "Nothing to do; see how the SMS fared.");
    add(
        "22000",
        true,
        "전송 시간 초과: 이동통신사가 정해진 시간 안에 전달하지 못했습니다.",
        "일시적인 문제일 수 있습니다. 잠시 뒤 다시 보내세요.",
        "Transmission timed out: the carrier could not deliver it in time.",
        "Usually passing; resend a little later.");
    add(
        "23000",
        true,
        "수신 불가: 휴대폰이 꺼져 있거나 통신이 닿지 않는 곳에 있습니다.",
        "고객이 다시 연결된 뒤 다시 보내거나, 주문 정보로 고객에게 연락하세요.",
        "Handset unreachable: the phone is off or out of coverage.",
        "Resend once the customer is reachable again, or contact them through the order.");
    add(
        "A306",
        false,
        "잘못된 수신 번호: Bizgo가 이 번호로는 보내지 않습니다.",
        "주문의 전화번호를 고친 뒤 새 알림으로 보내세요. 같은 번호로 다시 보내도 실패합니다.",
        "Invalid recipient: Bizgo will not send to this number.",
        "Correct the order's phone number; resending to the same number fails again.");
    add(
        "A401",
        true,
        "인증 실패: Bizgo가 parcelbell의 키를 거절했습니다(키 교체 실수 등). 발송이 멈춥니다.",
        "Bizgo 인증 키 설정을 확인하세요. 키가 다시 받아들여지면 자동으로 이어서 보냅니다.",
        "Credentials rejected: Bizgo refused parcelbell's key (a mistaken key rotation?). Sending"
            + " pauses.",
        "Check the Bizgo key configured; sending resumes by itself once Bizgo accepts it.");
    add(
        "EXPIRED",
        true,
        "결과 미확인: 정해진 시간 안에 전달 결과 보고가 오지 않았고 조회로도 알 수 없었습니다.",
        "Bizgo에 결과 보고 URL이 등록되어 있는지 확인하세요. 필요하면 다시 보내세요.",
        "No delivery report: none arrived in time and an inquiry could not tell either.",
        "Check that the report URL is registered with Bizgo; resend if needed.");
    add(
        "INVALID_RECIPIENT",
        false,
        "휴대폰 번호가 아닙니다: 보낼 수 있는 번호가 없어 발송하지 않았습니다.",
        "주문의 전화번호를 확인하고 고치세요.",
        "Not a mobile number: there was nothing to send to, so nothing was sent.",
        "Check and correct the order's phone number.");
  }

  private FailureCodes() {}

  private static void add(
      String code,
      boolean resendHelps,
      String koMeaning,
      String koAction,
      String enMeaning,
      String enAction) {
    CODES.put(
        code,
        new FailureCode(
            code,
            resendHelps,
            new FailureCode.Text(koMeaning, koAction),
            new FailureCode.Text(enMeaning, enAction)));
  }

  /**
   * The entry for a code; empty for one the dictionary does not know (show the provider's text).
   */
  public static Optional<FailureCode> find(String code) {
    return code == null ? Optional.empty() : Optional.ofNullable(CODES.get(code));
  }

  /** Every entry, in the dictionary's order. */
  public static List<FailureCode> all() {
    return List.copyOf(CODES.values());
  }

  /** False only for codes known to fail again the same way; an unknown code may be passing. */
  public static boolean resendHelps(String code) {
    return find(code).map(FailureCode::resendHelps).orElse(true);
  }
}
