package io.parcelbell.report.query;

/**
 * The dashboard's counts have never been counted, and another replica is counting them for the
 * first time right now: ask again in a few seconds.
 */
public class OverviewNotCountedException extends RuntimeException {

  OverviewNotCountedException() {
    super("the overview is being counted for the first time; ask again in a few seconds");
  }
}
