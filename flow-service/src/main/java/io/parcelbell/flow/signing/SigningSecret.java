package io.parcelbell.flow.signing;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A destination's signing secret in the Standard Webhooks form, {@code whsec_} + base64 of at least
 * 24 random bytes. Generated here and shown to the operator once; never printed ({@link
 * #toString}).
 */
public final class SigningSecret {

  public static final String PREFIX = "whsec_";
  static final int GENERATED_BYTES = 32;
  static final int MINIMUM_BYTES = 24;

  private final byte[] key;

  private SigningSecret(byte[] key) {
    if (key.length < MINIMUM_BYTES) {
      throw new IllegalArgumentException(
          "a signing secret needs at least " + MINIMUM_BYTES + " bytes");
    }
    this.key = key.clone();
  }

  public static SigningSecret generate(SecureRandom random) {
    byte[] key = new byte[GENERATED_BYTES];
    random.nextBytes(key);
    return new SigningSecret(key);
  }

  /** Reads {@code whsec_<base64>}, as generated and as receivers configure it. */
  public static SigningSecret parse(String encoded) {
    if (encoded == null || !encoded.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a signing secret starts with " + PREFIX);
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(encoded.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a signing secret is " + PREFIX + " and base64", e);
    }
    return new SigningSecret(key);
  }

  /** The form shown once to the operator and stored encrypted. */
  public String encoded() {
    return PREFIX + Base64.getEncoder().encodeToString(key);
  }

  byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SigningSecret s && Arrays.equals(key, s.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "SigningSecret[<hidden>]";
  }
}
