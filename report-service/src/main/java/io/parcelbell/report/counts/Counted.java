package io.parcelbell.report.counts;

import java.time.Instant;

/**
 * What the last finished count saw.
 *
 * @param at when it began: every change before {@code at} minus a margin is in the slices
 * @param weekAt when the whole week was last recounted (the safety net for a missed change)
 * @param oldestPendingSince when the oldest attempt still waiting for its report was sent, if any
 * @param lastReportAt when the latest delivery report arrived, if any
 */
public record Counted(
    Instant at, Instant weekAt, Instant oldestPendingSince, Instant lastReportAt) {}
