package io.parcelbell.contracts;

/**
 * Phone numbers are personal data. This is the one masked form every service shows in logs and API
 * responses: {@code 010-****-5678}. Only the last four digits survive, which is what a shop's
 * support agent needs to confirm a customer.
 */
public final class PhoneMasking {

  private static final String FULLY_MASKED = "***";

  private PhoneMasking() {}

  public static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = KoreanPhoneNumbers.nationalDigits(phone);
    if (digits.length() < 8) {
      return FULLY_MASKED;
    }
    String prefix = digits.startsWith("02") ? "02" : digits.substring(0, 3);
    return prefix + "-****-" + digits.substring(digits.length() - 4);
  }
}
