package io.parcelbell.notifier.recipient;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Korean mobile numbers in the one form Bizgo expects ({@code 01012345678}). Anything that is not a
 * mobile number (a landline, a foreign number, garbage) cannot receive Alimtalk or SMS.
 */
public final class PhoneNumbers {

  private static final Pattern MOBILE = Pattern.compile("01[016789]\\d{7,8}");

  private PhoneNumbers() {}

  /** The normalized mobile number, or empty when {@code raw} is not a Korean mobile number. */
  public static Optional<String> normalize(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String digits = raw.replaceAll("\\D", "");
    if (digits.startsWith("82")) {
      // +82 10-1234-5678 and +82 010-1234-5678 are both written in the wild.
      String national = digits.substring(2);
      digits = national.startsWith("0") ? national : "0" + national;
    }
    return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }
}
