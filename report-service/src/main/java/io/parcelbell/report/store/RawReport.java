package io.parcelbell.report.store;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A Bizgo delivery report exactly as far as we understood it, stored once Kafka holds it
 * (collection {@code bizgo_reports}). {@code _id} = {@code msgKey:reportCode}, so a retried report
 * is the same document. {@code applied} turns true once the report met its attempt; until then (a
 * report that overtook its dispatch event) it waits here.
 */
@Document(RawReport.COLLECTION)
public record RawReport(
    @Id String id,
    String msgKey,
    String reportCode,
    String reportText,
    String serviceType,
    String msgType,
    String sendTime,
    String reportTime,
    Instant reportedAt,
    String reportType,
    String carrier,
    String ref,
    Instant receivedAt,
    boolean applied,
    Instant appliedAt) {

  public static final String COLLECTION = "bizgo_reports";

  public static String idOf(String msgKey, String reportCode) {
    return msgKey + ":" + reportCode;
  }
}
