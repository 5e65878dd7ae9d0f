package io.parcelbell.contracts.codes;

import java.util.Locale;

/**
 * One code a notification can end with, as the shop reads it: what it means and what to do, in
 * Korean and English. {@code resendHelps} is false where sending the same message to the same
 * number again cannot succeed (the number itself is wrong).
 */
public record FailureCode(String code, boolean resendHelps, Text korean, Text english) {

  /** The meaning and the action, in one language. */
  public record Text(String meaning, String action) {}

  /** Korean unless English is asked for: the product's default language is Korean. */
  public Text in(Locale locale) {
    return locale != null && "en".equals(locale.getLanguage()) ? english : korean;
  }
}
