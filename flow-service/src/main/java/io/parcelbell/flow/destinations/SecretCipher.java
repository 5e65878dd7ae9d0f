package io.parcelbell.flow.destinations;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;

/**
 * Encrypts what a destination holds that would let someone forge or impersonate (the signing
 * secrets, the static header values, which often carry the receiver's API key) before it reaches
 * MongoDB: a database dump alone yields none of them. Spring Security Crypto's AES-256-GCM with a
 * PBKDF2-derived key ({@code Encryptors.delux}): a well-kept implementation, random IV per value.
 * The password and salt are {@code parcelbell.flow.encryption.*}, required outside the local
 * profile.
 */
public final class SecretCipher {

  private final TextEncryptor encryptor;

  public SecretCipher(String password, String hexSalt) {
    this.encryptor = Encryptors.delux(password, hexSalt);
  }

  public String encrypt(String plain) {
    return plain == null ? null : encryptor.encrypt(plain);
  }

  public String decrypt(String encrypted) {
    return encrypted == null ? null : encryptor.decrypt(encrypted);
  }
}
