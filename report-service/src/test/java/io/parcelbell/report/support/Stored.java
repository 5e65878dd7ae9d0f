package io.parcelbell.report.support;

import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.report.settlement.ReportCodes;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.RawReport;
import java.time.Instant;

/** Documents as the service stores them, for tests that set up a state directly. */
public final class Stored {

  private Stored() {}

  /** An Alimtalk attempt Bizgo accepted and has not reported on yet (its ref is its msgKey). */
  public static AttemptDocument pendingAttempt(
      String msgKey, boolean finalChannel, Instant requested) {
    return new AttemptDocument(
        msgKey,
        Channel.ALIMTALK,
        1,
        msgKey,
        AttemptState.PENDING,
        null,
        null,
        finalChannel,
        requested,
        null,
        null);
  }

  /** A received, unapplied Alimtalk report: delivered to the handset. */
  public static RawReport deliveredReport(String msgKey, String ref, Instant at) {
    return new RawReport(
        RawReport.idOf(msgKey, ReportCodes.DELIVERED),
        msgKey,
        ReportCodes.DELIVERED,
        "성공",
        "ALIMTALK",
        "AT",
        null,
        null,
        at,
        "RS",
        "",
        ref,
        at,
        false,
        null);
  }
}
