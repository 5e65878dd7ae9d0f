package io.parcelbell.notifier.bizgo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BizgoAnswersTest {

  private static final String KEY = "cj:1:DELIVERED:1";

  static OmniResponse answer(String auth, String data, String destination, String msgKey) {
    return new OmniResponse(
        new OmniResponse.Common(auth, "r"),
        new OmniResponse.Data(
            data,
            "r",
            new OmniResponse.Body(
                List.of(new OmniResponse.Destination("01012345678", msgKey, destination, "r"))),
            "ref"));
  }

  @Test
  void a000AtAllThreeLevelsIsAcceptedWithTheMsgKey() {
    assertThat(BizgoAnswers.classify(200, answer("A000", "A000", "A000", "mk-1"), KEY))
        .isEqualTo(new BizgoResult.Accepted("mk-1", false));
  }

  @Test
  void a301MeansAnEarlierTryWentThrough() {
    assertThat(BizgoAnswers.classify(200, answer("A000", "A000", "A301", "mk-1"), KEY))
        .isEqualTo(new BizgoResult.Accepted("mk-1", true));
    assertThat(BizgoAnswers.classify(200, answer("A000", "A301", null, null), KEY))
        .isEqualTo(new BizgoResult.Accepted("unknown-msgkey:" + KEY, true));
  }

  @Test
  void everyLevelIsChecked() {
    assertThat(BizgoAnswers.classify(200, answer("A401", "A000", "A000", "mk"), KEY))
        .isInstanceOf(BizgoResult.ConfigurationError.class);
    assertThat(BizgoAnswers.classify(200, answer("A000", "A999", "A000", "mk"), KEY))
        .isInstanceOf(BizgoResult.Unavailable.class);
    assertThat(BizgoAnswers.classify(200, answer("A000", "A000", "A306", null), KEY))
        .isEqualTo(new BizgoResult.InvalidRecipient("A306", "r"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"A910", "A920", "A999"})
  void providerFailuresAreTransient(String code) {
    BizgoResult result = BizgoAnswers.classify(200, answer("A000", code, null, null), KEY);
    assertThat(result).isEqualTo(new BizgoResult.Unavailable(code, "r"));
    assertThat(result.isTransient()).isTrue();
  }

  @Test
  void throttlingIsTransient() {
    assertThat(BizgoAnswers.classify(200, answer("A000", "A020", null, null), KEY))
        .isEqualTo(new BizgoResult.RateLimited("A020"));
    BizgoResult http429 = BizgoAnswers.classify(429, null, KEY);
    assertThat(http429).isInstanceOf(BizgoResult.RateLimited.class);
    assertThat(http429.isTransient()).isTrue();
  }

  @Test
  void serverErrorsAndUnreadableAnswersAreTransient() {
    assertThat(BizgoAnswers.classify(500, null, KEY).isTransient()).isTrue();
    assertThat(BizgoAnswers.classify(503, answer("A000", "A000", "A000", "mk"), KEY).isTransient())
        .isTrue();
    assertThat(BizgoAnswers.classify(200, null, KEY).isTransient()).isTrue();
    assertThat(BizgoAnswers.classify(200, answer("A000", "A000", "A000", null), KEY).isTransient())
        .as("accepted without msgKey: ask again, the same key gets A301")
        .isTrue();
  }

  @Test
  void credentialsAreAConfigurationErrorNotRetried() {
    BizgoResult a403 = BizgoAnswers.classify(200, answer("A403", null, null, null), KEY);
    assertThat(a403).isEqualTo(new BizgoResult.ConfigurationError("A403", "r"));
    assertThat(a403.isTransient()).isFalse();
    assertThat(BizgoAnswers.classify(401, null, KEY))
        .isInstanceOf(BizgoResult.ConfigurationError.class);
  }

  @Test
  void anyOtherCodeIsARejectionWithThatCode() {
    BizgoResult result = BizgoAnswers.classify(200, answer("A000", "A000", "A114", null), KEY);
    assertThat(result).isEqualTo(new BizgoResult.Rejected("A114", "r"));
    assertThat(result.isTransient()).isFalse();
    assertThat(BizgoAnswers.classify(400, null, KEY))
        .isEqualTo(new BizgoResult.Rejected("HTTP_400", "Bizgo answered 400"));
  }
}
