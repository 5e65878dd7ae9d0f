package io.parcelbell.notifier.recipient;

import io.parcelbell.contracts.KoreanPhoneNumbers;
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
    String digits = KoreanPhoneNumbers.nationalDigits(raw);
    return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
  }
}
