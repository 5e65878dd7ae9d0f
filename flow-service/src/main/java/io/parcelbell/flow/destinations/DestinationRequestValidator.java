package io.parcelbell.flow.destinations;

import io.parcelbell.flow.config.ApiProblem.FieldError;
import io.parcelbell.flow.templates.TemplateValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a {@link DestinationRequest}; every problem at once, each with its path. */
final class DestinationRequestValidator {

  static final int MAX_NAME = 100;
  static final int MAX_RATE = 10_000;
  static final int MAX_HEADER_VALUE = 1_024;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
  private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x20-\\x7e]*");

  private final DestinationAddressPolicy addresses;

  DestinationRequestValidator(DestinationAddressPolicy addresses) {
    this.addresses = addresses;
  }

  List<FieldError> validate(DestinationRequest request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.name() == null || request.name().isBlank() || request.name().length() > MAX_NAME) {
      errors.add(new FieldError("name", "NAME_INVALID", "1-" + MAX_NAME + " characters"));
    }
    if (request.url() == null || request.url().isBlank()) {
      errors.add(new FieldError("url", "INVALID_URL", "required"));
    } else {
      try {
        addresses.check(request.url().strip());
      } catch (DestinationRefusedException e) {
        errors.add(new FieldError("url", e.code(), e.getMessage()));
      }
    }
    Integer rate = request.rateLimitPerSecond();
    if (rate != null && (rate < 1 || rate > MAX_RATE)) {
      errors.add(
          new FieldError(
              "rateLimitPerSecond", "RATE_INVALID", "1-" + MAX_RATE + " a second, or null"));
    }
    Map<String, String> headers = request.headers() == null ? Map.of() : request.headers();
    if (headers.size() > TemplateValidator.MAX_HEADERS) {
      errors.add(
          new FieldError(
              "headers", "HEADERS_TOO_MANY", "at most " + TemplateValidator.MAX_HEADERS));
    }
    headers.forEach(
        (name, value) -> {
          String path = "headers." + name;
          if (name == null || !TOKEN.matcher(name).matches()) {
            errors.add(new FieldError(path, "HEADER_NAME_INVALID", "1-64 HTTP token characters"));
          } else if (TemplateValidator.RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError(path, "HEADER_RESERVED", "parcelbell sets " + name));
          } else if (value == null
              || value.length() > MAX_HEADER_VALUE
              || !VISIBLE_ASCII.matcher(value).matches()) {
            errors.add(
                new FieldError(
                    path,
                    "HEADER_VALUE_INVALID",
                    "printable ASCII, at most " + MAX_HEADER_VALUE + " characters"));
          }
        });
    return errors;
  }
}
