package io.parcelbell.report.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcelbell.contracts.events.AttemptState;
import org.junit.jupiter.api.Test;

class ReportCodesTest {

  @Test
  void onlyTenThousandIsDelivered() {
    assertThat(ReportCodes.attemptStateOf("10000")).isEqualTo(AttemptState.DELIVERED);
    assertThat(ReportCodes.attemptStateOf("64016")).isEqualTo(AttemptState.FAILED);
    assertThat(ReportCodes.attemptStateOf("")).isEqualTo(AttemptState.FAILED);
    assertThat(ReportCodes.attemptStateOf(null)).isEqualTo(AttemptState.FAILED);
  }

  @Test
  void knownCodesHaveOurWords() {
    assertThat(ReportCodes.reasonOf("10000", "성공")).isEqualTo("delivered");
    assertThat(ReportCodes.reasonOf("64008", "x")).isEqualTo("no permission on the account");
    assertThat(ReportCodes.reasonOf("64016", "카카오톡 미사용자")).isEqualTo("not a KakaoTalk user");
    assertThat(ReportCodes.reasonOf("22000", "x")).isEqualTo("transmission timeout");
  }

  @Test
  void otherCodesHaveTheProvidersWords() {
    assertThat(ReportCodes.reasonOf("30001", "단말기 전원 꺼짐")).isEqualTo("단말기 전원 꺼짐");
    assertThat(ReportCodes.reasonOf("30001", " ")).isEqualTo("report code 30001");
  }
}
