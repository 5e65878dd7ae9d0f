package io.parcelbell.ingest.registration;

import static io.parcelbell.ingest.registration.InvalidShipmentException.invalid;
import static io.parcelbell.ingest.registration.InvalidShipmentException.missing;

import io.parcelbell.contracts.PhoneMasking;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parcel to register with DeliveryAPI, valid by construction: required fields present, courier
 * code in lower case, phone normalized to {@code 010XXXXXXXX}. The metadata travels to DeliveryAPI
 * and comes back on every webhook, so nothing has to be looked up when a status changes.
 */
record RegisterShipmentCommand(
    String orderId,
    String courierCode,
    String trackingNumber,
    String customerPhone,
    String customerName,
    String productName,
    String courierName) {

  // Korean mobile numbers: 010 (and the legacy 011/016/017/018/019) + 7 or 8 digits.
  private static final Pattern KOREAN_MOBILE = Pattern.compile("01[016789]\\d{7,8}");
  private static final int MAX_ID = 64;
  private static final int MAX_TEXT = 200;

  RegisterShipmentCommand {
    orderId = required(orderId, "orderId", MAX_ID);
    courierCode = required(courierCode, "courierCode", MAX_ID).toLowerCase(Locale.ROOT);
    trackingNumber = required(trackingNumber, "trackingNumber", MAX_ID);
    customerPhone = normalizePhone(required(customerPhone, "customerPhone", MAX_ID));
    customerName = optional(customerName, "customerName");
    productName = optional(productName, "productName");
    courierName = optional(courierName, "courierName");
  }

  /** Validates the request, including that the courier is one DeliveryAPI tracks for us. */
  static RegisterShipmentCommand of(RegisterShipmentRequest r, Collection<String> knownCouriers) {
    var command =
        new RegisterShipmentCommand(
            r.orderId(),
            r.courierCode(),
            r.trackingNumber(),
            r.customerPhone(),
            r.customerName(),
            r.productName(),
            r.courierName());
    if (!knownCouriers.contains(command.courierCode())) {
      throw invalid("courierCode", "courierCode is not a known courier code");
    }
    return command;
  }

  /**
   * {@code 010-1234-5678}, {@code +82 10 1234 5678} and {@code 8210...} are the same phone: digits
   * only, country code 82 replaced by the trunk prefix 0.
   */
  static String normalizePhone(String phone) {
    String digits = phone.replaceAll("\\D", "");
    if (digits.startsWith("82")) {
      String national = digits.substring(2);
      digits = national.startsWith("0") ? national : "0" + national;
    }
    if (!KOREAN_MOBILE.matcher(digits).matches()) {
      // Never echo the number: the detail reaches logs and the shop's error reports.
      throw invalid("customerPhone", "customerPhone must be a Korean mobile number (010XXXXXXXX)");
    }
    return digits;
  }

  private static String required(String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw missing(field);
    }
    return bounded(value.strip(), field, max);
  }

  private static String optional(String value, String field) {
    return value == null || value.isBlank() ? null : bounded(value.strip(), field, MAX_TEXT);
  }

  private static String bounded(String value, String field, int max) {
    if (value.length() > max) {
      throw invalid(field, field + " is longer than " + max + " characters");
    }
    return value;
  }

  String maskedPhone() {
    return PhoneMasking.mask(customerPhone);
  }

  @Override
  public String toString() {
    return "RegisterShipmentCommand[orderId=%s, courierCode=%s, trackingNumber=%s, customerPhone=%s]"
        .formatted(orderId, courierCode, trackingNumber, maskedPhone());
  }
}
