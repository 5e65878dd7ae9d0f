package io.parcelbell.report.bizgo;

import io.parcelbell.report.store.RawReport;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a Bizgo report leniently: whatever arrives, we must still be able to echo its msgKey.
 * Unknown fields are ignored; {@code resultMsg} is accepted for {@code reportText}.
 */
public final class BizgoReportParser {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  /** {@code report} is empty when the body is not a usable report (no msgKey or reportCode). */
  public record Parsed(String msgKey, Optional<RawReport> report) {}

  private final ObjectMapper json;

  public BizgoReportParser(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Bizgo's msgKeys are short printable ASCII ({@code 20260424104234546POM101182450000}); the
   * notifier's markers ({@code unknown-msgkey:...}) are longer but never come from Bizgo.
   */
  private static final java.util.regex.Pattern MSG_KEY =
      java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,100}");

  /** Report codes: {@code 10000}, {@code 64016}, {@code A404}. */
  private static final java.util.regex.Pattern REPORT_CODE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,20}");

  public Parsed parse(byte[] body, Instant receivedAt) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : json.readTree(body);
    } catch (JacksonException notJson) {
      root = null;
    }
    return parse(root, receivedAt);
  }

  /** The same for a report inside another document (the inquiry API's answer). */
  public Parsed parse(JsonNode root, Instant receivedAt) {
    if (root == null || !root.isObject()) {
      return new Parsed(null, Optional.empty());
    }
    String msgKey = text(root, "msgKey");
    if (msgKey != null && !MSG_KEY.matcher(msgKey).matches()) {
      // Not echoed either: whatever a hostile client put there stays out of our answer and logs.
      return new Parsed(null, Optional.empty());
    }
    String reportCode = text(root, "reportCode");
    if (isBlank(msgKey) || reportCode == null || !REPORT_CODE.matcher(reportCode).matches()) {
      return new Parsed(msgKey, Optional.empty());
    }
    String reportText = text(root, "reportText");
    if (reportText == null) {
      reportText = text(root, "resultMsg");
    }
    String reportTime = text(root, "reportTime");
    var report =
        new RawReport(
            RawReport.idOf(msgKey, reportCode),
            msgKey,
            reportCode,
            reportText,
            text(root, "serviceType"),
            text(root, "msgType"),
            text(root, "sendTime"),
            reportTime,
            instantOf(reportTime).orElse(receivedAt),
            text(root, "reportType"),
            text(root, "carrier"),
            text(root, "ref"),
            receivedAt,
            false,
            null);
    return new Parsed(msgKey, Optional.of(report));
  }

  static Optional<Instant> instantOf(String time) {
    if (time == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(time, TIME).toInstant());
    } catch (DateTimeParseException strictFailed) {
      try {
        return Optional.of(OffsetDateTime.parse(time).toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty(); // the time is informative; a bad one must not lose the report
      }
    }
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = root.get(field);
    return node == null || node.isNull() ? null : node.asString("");
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
