package io.parcelbell.contracts;

/**
 * The one reading of a Korean phone number that every service shares: its national digits, with the
 * leading 0 ({@code 01012345678}, {@code 0212345678}). The country code form is written in the wild
 * both as {@code +82 10-1234-5678} and, wrongly but often, as {@code +82 010-1234-5678}; both are
 * the same phone.
 */
public final class KoreanPhoneNumbers {

  private KoreanPhoneNumbers() {}

  /** The national digits of {@code raw} (every non-digit dropped); null stays null. */
  public static String nationalDigits(String raw) {
    if (raw == null) {
      return null;
    }
    String digits = raw.replaceAll("\\D", "");
    // A Korean national number starts with 0, so leading 82 can only be the country code.
    if (digits.startsWith("82")) {
      String national = digits.substring(2);
      return national.startsWith("0") ? national : "0" + national;
    }
    return digits;
  }
}
