package io.parcelbell.report.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The vector from shared/vectors/README.md. */
class SignatureVerifierTest {

  static final String SECRET = "local-bizgo-report-secret";
  static final String TIMESTAMP = "1767225600123";
  static final String HEX = "e1bdb9b86a875d084926b9f3376b6d5eecfd36a7ce6500cc8db543741d8a5361";

  private final SignatureVerifier verifier = new SignatureVerifier(SECRET);

  @Test
  void acceptsTheVectorInHexEitherCase() {
    assertThat(verifier.verify(TIMESTAMP, HEX)).isTrue();
    assertThat(verifier.verify(TIMESTAMP, HEX.toUpperCase())).isTrue();
  }

  @Test
  void acceptsTheVectorInBase64() {
    String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(HEX));
    assertThat(verifier.verify(TIMESTAMP, base64)).isTrue();
  }

  @Test
  void rejectsAWrongOrMissingSignature() {
    assertThat(verifier.verify(TIMESTAMP, HEX.replace('e', 'f'))).isFalse();
    assertThat(verifier.verify("1767225600124", HEX)).isFalse();
    assertThat(new SignatureVerifier("another-secret").verify(TIMESTAMP, HEX)).isFalse();
    assertThat(verifier.verify(TIMESTAMP, "not a signature!")).isFalse();
    assertThat(verifier.verify(TIMESTAMP, null)).isFalse();
    assertThat(verifier.verify(null, HEX)).isFalse();
    assertThat(verifier.verify("soon", HEX)).isFalse();
  }
}
