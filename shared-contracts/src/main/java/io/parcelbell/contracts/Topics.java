package io.parcelbell.contracts;

/**
 * Kafka topic names (contract: DESIGN.md, "Kafka"). A breaking change is a new {@code .v2} topic.
 */
public final class Topics {

  /** {@code ShipmentStatusChanged}, ingest → notifier and others. Key: {@link ShipmentKey}. */
  public static final String SHIPMENT_STATUS = "parcelbell.shipment-status.v1";

  /** Held, Dispatched, Rejected, Superseded; notifier → report. Key: {@link ShipmentKey}. */
  public static final String NOTIFICATION_LIFECYCLE = "parcelbell.notification-lifecycle.v1";

  /** {@code NotificationSettled}, report → notifier and others. Key: {@link ShipmentKey}. */
  public static final String NOTIFICATION_OUTCOME = "parcelbell.notification-outcome.v1";

  /** Operators' commands to notifier-service (ResendRequested), keyed by shipment. */
  public static final String NOTIFICATION_COMMANDS = "parcelbell.notification-commands.v1";

  /**
   * flow-service's activity for other teams: FlowRunChanged and FlowDeliveryChanged (keyed by
   * shipment), FlowDestinationChanged (keyed {@code destination:<id>}).
   */
  public static final String FLOW_ACTIVITY = "parcelbell.flow-activity.v1";

  /** One AuditRecorded per change a person made, keyed by the change's target. */
  public static final String AUDIT = "parcelbell.audit.v1";

  /** Poison records of a topic go to the topic's name plus this suffix, the failure in headers. */
  /**
   * Partitions of every parcelbell topic unless configured otherwise ({@code
   * parcelbell.kafka.partitions}, Compose, Strimzi): up to this many consumers of one group share
   * the load. Growing a topic later moves keys between partitions; see the README.
   */
  public static final int DEFAULT_PARTITIONS = 12;

  public static final String DLT_SUFFIX = ".DLT";

  private Topics() {}

  public static String deadLetterTopicOf(String topic) {
    return topic + DLT_SUFFIX;
  }
}
