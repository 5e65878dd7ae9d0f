package io.parcelbell.benchmark.dashboard;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.bson.Document;

/**
 * One notification's attempts and stored reports, written as report-service writes them: each
 * change as NotificationStore makes it (the attempt's fields in {@code toBson}'s order, {@code
 * nextInquiryAt} for an accepted one, the published mark once settled), {@code version} counting
 * the changes, {@code updatedAt} the last of them; each report as RawReportStore stores it and the
 * listener marks it applied.
 */
final class NotificationHistory {

  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter MSG_KEY_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(SEOUL);
  private static final DateTimeFormatter REPORT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(SEOUL);
  private static final Duration PENDING_TIMEOUT = Duration.ofMinutes(10); // report-service's

  final String id;
  final Instant createdAt;
  final List<Document> attempts = new ArrayList<>();
  final List<Document> reports = new ArrayList<>();
  Instant updatedAt;
  long version;
  String reason;
  private final SplittableRandom random;
  private final Instant now;
  private final LongSupplier msgKeys;

  NotificationHistory(
      String id, Instant createdAt, SplittableRandom random, Instant now, LongSupplier msgKeys) {
    this.id = id;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
    this.random = random;
    this.now = now;
    this.msgKeys = msgKeys;
  }

  /** A time between {@code minMillis} and {@code maxMillis} after {@code from}, not after now. */
  Instant within(Instant from, long minMillis, long maxMillis) {
    Instant at = from.plusMillis(minMillis + random.nextLong(maxMillis - minMillis));
    return at.isAfter(now) ? now : at;
  }

  /** addAttempt of a PENDING attempt Bizgo accepted. */
  Document accepted(Channel channel, boolean finalChannel, Instant requested) {
    String msgKey = MSG_KEY_TIME.format(requested) + "BNC" + "%012d".formatted(msgKeys.getAsLong());
    Document attempt = attempt(msgKey, channel, msgKey, AttemptState.PENDING, finalChannel);
    attempt.append("requestedAt", Date.from(requested)).append("reportedAt", null);
    attempt.append("nextInquiryAt", Date.from(requested.plus(PENDING_TIMEOUT)));
    // The first one in the same projection as the document (ensure, then addAttempt).
    Instant projected = requested.plusMillis(15);
    changed(projected.isBefore(createdAt) ? createdAt : projected);
    return attempt;
  }

  /** A delivery report settled it (and NotificationSettled of the attempt was published). */
  Instant reported(Document attempt, String code, Instant requested) {
    String channel = attempt.getString("channel");
    Instant reportedAt = within(requested, 900, channel.equals("ALIMTALK") ? 5_000 : 20_000);
    Instant receivedAt = reportedAt.plusMillis(40 + random.nextInt(200));
    String text = textOf(code);
    settle(attempt, code.equals("10000") ? AttemptState.DELIVERED : AttemptState.FAILED, code);
    attempt.put("reportText", text);
    attempt.put("reportedAt", Date.from(reportedAt));
    reports.add(report(attempt, code, text, requested, reportedAt, receivedAt));
    reason = text;
    changed(receivedAt.plusMillis(30));
    return updatedAt;
  }

  /** No report and no inquiry answer within expire-after (24h): the sweeper expired it. */
  Instant expired(Document attempt, Instant requested) {
    Instant at = requested.plus(Duration.ofHours(24)).plusSeconds(random.nextInt(600));
    settle(attempt, AttemptState.EXPIRED, null);
    attempt.put("reportText", reason = "no delivery report within PT24H");
    attempt.put("reportedAt", Date.from(at));
    changed(at);
    return at;
  }

  /** A synchronous rejection (NotificationRejected): a FAILED attempt without a msgKey. */
  Instant rejected(Channel channel, Instant at, String code, String text) {
    int number = attempts.size() + 1;
    String key = "rejected:" + number + ":" + channel + ":" + at.toEpochMilli();
    Document attempt = attempt(key, channel, null, AttemptState.FAILED, true);
    attempt.put("reportCode", code);
    attempt.put("reportText", reason = text);
    attempt.append("requestedAt", Date.from(at)).append("reportedAt", Date.from(at));
    changed(at.plusMillis(10));
    return updatedAt;
  }

  /** moveState to its final state (or none): endedAt = updatedAt. */
  void end(Instant at, int moves) {
    updatedAt = at.isBefore(updatedAt) ? updatedAt : at;
    version += moves;
  }

  private Document attempt(
      String key, Channel channel, String msgKey, AttemptState state, boolean finalChannel) {
    Document attempt =
        new Document("key", key)
            .append("channel", channel.name())
            .append("attempt", attempts.size() + 1)
            .append("msgKey", msgKey)
            .append("state", state.name())
            .append("reportCode", null)
            .append("reportText", null)
            .append("finalChannel", finalChannel);
    attempts.add(attempt);
    return attempt;
  }

  private void settle(Document attempt, AttemptState state, String code) {
    attempt.put("state", state.name());
    attempt.put("reportCode", code);
    attempt.append("published", true);
  }

  private void changed(Instant at) {
    updatedAt = at;
    version++;
  }

  private Document report(
      Document attempt,
      String code,
      String text,
      Instant requested,
      Instant reportedAt,
      Instant receivedAt) {
    Channel channel = Channel.valueOf(attempt.getString("channel"));
    String msgKey = attempt.getString("msgKey");
    return new Document("_id", msgKey + ":" + code)
        .append("msgKey", msgKey)
        .append("reportCode", code)
        .append("reportText", text)
        .append("serviceType", channel.name())
        .append("msgType", channel == Channel.ALIMTALK ? "AT" : channel.name())
        .append("sendTime", REPORT_TIME.format(requested))
        .append("reportTime", REPORT_TIME.format(reportedAt))
        .append("reportedAt", Date.from(reportedAt))
        .append("reportType", "RS")
        .append("carrier", channel == Channel.ALIMTALK ? "" : "SKT")
        .append("ref", id)
        .append("receivedAt", Date.from(receivedAt))
        .append("applied", true)
        .append("retryAt", Date.from(receivedAt.plusSeconds(30)))
        .append("appliedAt", Date.from(receivedAt.plusMillis(25)));
  }

  private static String textOf(String code) {
    return switch (code) {
      case "10000" -> "성공";
      case "64016" -> "카카오톡 미사용자";
      case "64008" -> "발신 프로필 권한 없음";
      case "22000" -> "전송 시간 초과";
      default -> "단말기 전원 꺼짐";
    };
  }
}
