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
}
