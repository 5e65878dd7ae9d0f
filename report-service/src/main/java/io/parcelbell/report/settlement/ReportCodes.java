package io.parcelbell.report.settlement;

import io.parcelbell.contracts.events.AttemptState;
import java.util.Map;

/** What a Bizgo report code means for the attempt, and in words a shop's support agent reads. */
public final class ReportCodes {

  public static final String DELIVERED = "10000";

  private static final Map<String, String> REASONS =
      Map.of(
          DELIVERED,
          "delivered",
          "64008",
          "no permission on the account",
          "64016",
          "not a KakaoTalk user",
          "22000",
          "transmission timeout");

  private ReportCodes() {}

  public static AttemptState attemptStateOf(String reportCode) {
    return DELIVERED.equals(reportCode) ? AttemptState.DELIVERED : AttemptState.FAILED;
  }

  /** The known codes in our words; any other code in the provider's words. */
  public static String reasonOf(String reportCode, String reportText) {
    String known = reportCode == null ? null : REASONS.get(reportCode);
    if (known != null) {
      return known;
    }
    if (reportText != null && !reportText.isBlank()) {
      return reportText;
    }
    return "report code " + reportCode;
  }
}
