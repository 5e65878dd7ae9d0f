package io.parcelbell.report.store;

import io.parcelbell.contracts.PhoneMasking;
import java.util.regex.Pattern;

/**
 * The events already carry the masked phone number; this makes sure nothing else is ever stored or
 * shown, should a producer get it wrong.
 */
public final class Recipients {

  private static final Pattern MASKED = Pattern.compile("\\d{2,3}-\\*{4}-\\d{4}|\\*{3}");

  private Recipients() {}

  public static String masked(String recipient) {
    if (recipient == null || MASKED.matcher(recipient).matches()) {
      return recipient;
    }
    return PhoneMasking.mask(recipient);
  }

  /** The last four digits of a (masked) phone number, null with fewer than four. */
  public static String lastFour(String recipient) {
    if (recipient == null) {
      return null;
    }
    String digits = recipient.replaceAll("[^0-9]", "");
    return digits.length() < 4 ? null : digits.substring(digits.length() - 4);
  }
}
