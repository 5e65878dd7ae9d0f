package io.parcelbell.contracts.audit;

/**
 * The action codes of {@link AuditRecorded#action()}: stable, published in the AsyncAPI document.
 * New changes get new codes; a code is never reused for something else.
 */
public final class AuditActions {

  /**
   * Someone downloaded the notification history as CSV (masked, but still a copy leaving the
   * system); the target is {@code notifications/export}, the details the filters.
   */
  public static final String NOTIFICATION_EXPORT = "notification.export";

  /**
   * An operator asked for a dead-lettered notification to be sent again; the target is {@code
   * notification:<id>}, the details the command id and the attempt it follows.
   */
  public static final String NOTIFICATION_RESEND = "notification.resend";

  private AuditActions() {}
}
