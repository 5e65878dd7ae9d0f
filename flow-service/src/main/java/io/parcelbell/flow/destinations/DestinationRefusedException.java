package io.parcelbell.flow.destinations;

/** A destination URL or address the policy will not send to; {@code code} is the problem code. */
public final class DestinationRefusedException extends RuntimeException {

  private final String code;

  DestinationRefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
