package io.parcelbell.contracts.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class FailureCodesTest {

  @Test
  void theCodesTheConsoleMustExplainAreAllThereInBothLanguages() {
    for (String code :
        new String[] {
          "10000", "64008", "64016", "22000", "23000", "A306", "EXPIRED", "INVALID_RECIPIENT"
        }) {
      FailureCode entry = FailureCodes.find(code).orElseThrow(() -> new AssertionError(code));
      for (FailureCode.Text text : new FailureCode.Text[] {entry.korean(), entry.english()}) {
        assertThat(text.meaning()).as(code).isNotBlank();
        assertThat(text.action()).as(code).isNotBlank();
      }
    }
    assertThat(FailureCodes.all())
        .allSatisfy(entry -> assertThat(entry.korean().meaning()).containsPattern("[가-힣]"));
  }

  @Test
  void koreanIsTheDefaultAndEnglishIsAskedFor() {
    FailureCode suspended = FailureCodes.find("64008").orElseThrow();
    assertThat(suspended.in(Locale.KOREAN)).isEqualTo(suspended.korean());
    assertThat(suspended.in(null)).isEqualTo(suspended.korean());
    assertThat(suspended.in(Locale.ENGLISH).action()).contains("billing");
  }

  @Test
  void aResendHelpsUnlessTheNumberItselfIsWrong() {
    assertThat(FailureCodes.resendHelps("64008")).isTrue();
    assertThat(FailureCodes.resendHelps("23000")).isTrue();
    assertThat(FailureCodes.resendHelps("A306")).isFalse();
    assertThat(FailureCodes.resendHelps("INVALID_RECIPIENT")).isFalse();
    assertThat(FailureCodes.resendHelps("99999")).isTrue();
    assertThat(FailureCodes.find(null)).isEmpty();
  }
}
