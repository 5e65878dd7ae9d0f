package io.parcelbell.notifier.bizgo;

/**
 * What a credentials probe's answer says about our key (see {@link BizgoClient#probeCredentials}).
 */
enum CredentialsProbe {
  ACCEPTED,
  REJECTED,
  /** 5xx or unreadable: Bizgo said nothing about the key. */
  UNKNOWN;

  static final String REJECTED_CODE = "PROBE_REJECTED";

  static String authCode(OmniResponse answer) {
    return answer.common() == null || answer.common().authCode() == null
        ? ""
        : answer.common().authCode();
  }

  /**
   * HTTP 401/403 or {@code common.authCode} A401/A403: rejected. Any other answer below 500 (A000,
   * A404 for the unknown msgKey) can only be given to an authenticated caller: accepted.
   */
  static CredentialsProbe verdict(int httpStatus, String authCode) {
    if (httpStatus == 401
        || httpStatus == 403
        || "A401".equals(authCode)
        || "A403".equals(authCode)) {
      return REJECTED;
    }
    return httpStatus >= 500 ? UNKNOWN : ACCEPTED;
  }

  void applyTo(BizgoCredentials credentials) {
    switch (this) {
      case ACCEPTED -> credentials.probeAccepted();
      case REJECTED -> credentials.rejected(REJECTED_CODE);
      case UNKNOWN -> {}
    }
  }
}
