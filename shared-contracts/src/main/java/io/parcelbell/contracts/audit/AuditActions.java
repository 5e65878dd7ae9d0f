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

  /** An admin created a flow destination; the target is {@code destination:<id>}. */
  public static final String DESTINATION_CREATE = "destination.create";

  /** An admin changed a destination's URL, headers or rate; details name the changed fields. */
  public static final String DESTINATION_UPDATE = "destination.update";

  /** An admin rotated a destination's signing secret (the old one signs for 24 h more). */
  public static final String DESTINATION_ROTATE_SECRET = "destination.rotate-secret";

  /** An admin enabled a destination again (after it was disabled, by a person or by failures). */
  public static final String DESTINATION_ENABLE = "destination.enable";

  /** An admin disabled a destination; details carry the reason. */
  public static final String DESTINATION_DISABLE = "destination.disable";

  /** An admin created a flow; the target is {@code flow:<id>}, details its first version. */
  public static final String FLOW_CREATE = "flow.create";

  /** An admin saved a new version of a flow; details the version. */
  public static final String FLOW_UPDATE = "flow.update";

  /** An admin switched a flow on. */
  public static final String FLOW_ENABLE = "flow.enable";

  /** An admin switched a flow off. */
  public static final String FLOW_DISABLE = "flow.disable";

  /**
   * An admin let a flow's templates see raw personal data (phone, name) instead of the masked
   * forms: recorded on its own, beside the save, so a reviewer can find every such decision.
   */
  public static final String FLOW_PERSONAL_DATA_RAW = "flow.personal-data-raw";

  /**
   * An operator sent a flow delivery again (it had ended delivered, failed or exhausted); the
   * target is {@code delivery:<id>}.
   */
  public static final String DELIVERY_REPLAY = "delivery.replay";

  /**
   * An operator re-queued every failed or exhausted delivery of a destination since a time; the
   * target is {@code destination:<id>}, details the time and how many.
   */
  public static final String DESTINATION_RECOVER = "destination.recover";

  /** An operator sent a signed test message to a destination (a request leaving the system). */
  public static final String DESTINATION_TEST = "destination.test";

  private AuditActions() {}
}
