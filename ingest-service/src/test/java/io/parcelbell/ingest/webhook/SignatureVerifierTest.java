package io.parcelbell.ingest.webhook;

import static io.parcelbell.ingest.support.Vectors.COMPACT_SIGNATURE;
import static io.parcelbell.ingest.support.Vectors.PRETTY_SIGNATURE;
import static io.parcelbell.ingest.support.Vectors.SECRET;
import static io.parcelbell.ingest.support.Vectors.SIGNED_AT;
import static io.parcelbell.ingest.support.Vectors.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcelbell.ingest.support.Vectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;

class SignatureVerifierTest {

  private static final Duration TOLERANCE = Duration.ofSeconds(300);
  private final byte[] compact = Vectors.compactBody();
  private final byte[] pretty = Vectors.prettyBody();

  private static SignatureVerifier verifierAt(Instant now, String... secrets) {
    return new SignatureVerifier(List.of(secrets), TOLERANCE, Clock.fixed(now, ZoneOffset.UTC));
  }

  private static SignatureVerifier verifier(String... secrets) {
    return verifierAt(SIGNED_AT.plusSeconds(42), secrets);
  }

  private static void assertRejected(Runnable verification, String code) {
    assertThatThrownBy(verification::run)
        .isInstanceOfSatisfying(
            SignatureRejectedException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  @Test
  void bothVectorsVerifyOverTheirRawBytes() {
    SignatureVerifier verifier = verifier(SECRET);
    assertThatCode(() -> verifier.verify(TIMESTAMP, COMPACT_SIGNATURE, compact))
        .doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(TIMESTAMP, PRETTY_SIGNATURE, pretty))
        .doesNotThrowAnyException();
  }

  @Test
  void verifyingReSerializedJsonInsteadOfTheRawBytesFails() throws Exception {
    // Same JSON value, different bytes: only the raw bytes carry DeliveryAPI's signature.
    ObjectMapper json = new ObjectMapper();
    byte[] reSerialized = json.writeValueAsBytes(json.readTree(pretty));
    assertThat(json.readTree(reSerialized)).isEqualTo(json.readTree(pretty));
    assertThat(reSerialized).isNotEqualTo(pretty);

    assertRejected(
        () -> verifier(SECRET).verify(TIMESTAMP, PRETTY_SIGNATURE, reSerialized),
        SignatureRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void acceptsTheSignatureWithoutPrefixAndInUpperCase() {
    SignatureVerifier verifier = verifier(SECRET);
    String hex = COMPACT_SIGNATURE.substring("sha256=".length());
    assertThatCode(() -> verifier.verify(TIMESTAMP, hex, compact)).doesNotThrowAnyException();
    assertThatCode(() -> verifier.verify(TIMESTAMP, hex.toUpperCase(Locale.ROOT), compact))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> verifier.verify(TIMESTAMP, "sha256=" + hex.toUpperCase(Locale.ROOT), compact))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAnotherSecretWithoutRevealingTheExpectedValue() {
    String expectedHex = COMPACT_SIGNATURE.substring("sha256=".length());
    String forged = Vectors.sign("not-the-secret", TIMESTAMP, compact);
    assertThatThrownBy(() -> verifier(SECRET).verify(TIMESTAMP, forged, compact))
        .isInstanceOfSatisfying(
            SignatureRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(SignatureRejectedException.SIGNATURE_INVALID);
              assertThat(e.getMessage()).doesNotContainIgnoringCase(expectedHex);
            });
  }

  @Test
  void rejectsATamperedBody() {
    byte[] tampered = compact.clone();
    tampered[tampered.length - 3] ^= 1;
    assertRejected(
        () -> verifier(SECRET).verify(TIMESTAMP, COMPACT_SIGNATURE, tampered),
        SignatureRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void rejectsASignatureOverAnotherTimestamp() {
    assertRejected(
        () -> verifier(SECRET).verify("1767225601", COMPACT_SIGNATURE, compact),
        SignatureRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void anyConfiguredSecretAcceptsDuringRotation() {
    assertThatCode(
            () -> verifier("the-new-secret", SECRET).verify(TIMESTAMP, COMPACT_SIGNATURE, compact))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> verifier(SECRET, "the-old-secret").verify(TIMESTAMP, COMPACT_SIGNATURE, compact))
        .doesNotThrowAnyException();
    String signedWithNew = Vectors.sign("the-new-secret", TIMESTAMP, compact);
    assertThatCode(
            () -> verifier("the-new-secret", SECRET).verify(TIMESTAMP, signedWithNew, compact))
        .doesNotThrowAnyException();
    assertRejected(
        () ->
            verifier("the-new-secret", "the-old-secret")
                .verify(TIMESTAMP, COMPACT_SIGNATURE, compact),
        SignatureRejectedException.SIGNATURE_INVALID);
  }

  @Test
  void acceptsTimestampsUpToTheToleranceEitherWay() {
    assertThatCode(
            () ->
                verifierAt(SIGNED_AT.plus(TOLERANCE), SECRET)
                    .verify(TIMESTAMP, COMPACT_SIGNATURE, compact))
        .doesNotThrowAnyException();
    assertThatCode(
            () ->
                verifierAt(SIGNED_AT.minus(TOLERANCE), SECRET)
                    .verify(TIMESTAMP, COMPACT_SIGNATURE, compact))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAStaleTimestampEvenWithAValidSignature() {
    assertRejected(
        () ->
            verifierAt(SIGNED_AT.plus(TOLERANCE).plusSeconds(1), SECRET)
                .verify(TIMESTAMP, COMPACT_SIGNATURE, compact),
        SignatureRejectedException.TIMESTAMP_STALE);
  }

  @Test
  void rejectsATimestampFromTheFuture() {
    assertRejected(
        () ->
            verifierAt(SIGNED_AT.minus(TOLERANCE).minusSeconds(1), SECRET)
                .verify(TIMESTAMP, COMPACT_SIGNATURE, compact),
        SignatureRejectedException.TIMESTAMP_STALE);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void rejectsAMissingTimestamp(String timestamp) {
    assertRejected(
        () -> verifier(SECRET).verify(timestamp, COMPACT_SIGNATURE, compact),
        SignatureRejectedException.TIMESTAMP_MISSING);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = " ")
  void rejectsAMissingSignature(String signature) {
    assertRejected(
        () -> verifier(SECRET).verify(TIMESTAMP, signature, compact),
        SignatureRejectedException.SIGNATURE_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "-1767225600", "1767225600.5", "+1767225600", "17672256000000"})
  void rejectsATimestampThatIsNotUnixSeconds(String timestamp) {
    assertRejected(
        () -> verifier(SECRET).verify(timestamp, COMPACT_SIGNATURE, compact),
        SignatureRejectedException.TIMESTAMP_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256=zz7e8a28e5aae48e9cbffbb0a6de02c5bc92fe1c6d936ed40144109d9159669e",
        "sha256=eb7e8a28",
        "sha256=",
        "sha1=eb7e8a28e5aae48e9cbffbb0a6de02c5bc92fe1c6d936ed40144109d9159669e",
        "eb7e8a28e5aae48e9cbffbb0a6de02c5bc92fe1c6d936ed40144109d9159669e00",
        "not a signature at all"
      })
  void rejectsGarbageSignatures(String signature) {
    assertRejected(
        () -> verifier(SECRET).verify(TIMESTAMP, signature, compact),
        SignatureRejectedException.SIGNATURE_MALFORMED);
  }
}
