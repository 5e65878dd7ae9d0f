package io.parcelbell.report.resend;

/** A resend that cannot help or cannot happen now; {@code code} is the stable problem code. */
public class ResendRefusedException extends RuntimeException {

  private final String code;

  ResendRefusedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
