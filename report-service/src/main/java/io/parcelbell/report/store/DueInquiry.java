package io.parcelbell.report.store;

import io.parcelbell.contracts.events.AttemptState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** A PENDING attempt whose inquiry is due: what the sweeper needs to claim and inquire it. */
public record DueInquiry(String notificationId, String msgKey, Instant requestedAt) {

  static List<DueInquiry> of(org.bson.Document notification, Instant now) {
    List<DueInquiry> due = new ArrayList<>();
    List<org.bson.Document> attempts =
        notification.getList("attempts", org.bson.Document.class, List.of());
    for (org.bson.Document attempt : attempts) {
      Date next = attempt.getDate(NotificationStore.NEXT_INQUIRY);
      boolean pending = AttemptState.PENDING.name().equals(attempt.getString("state"));
      String msgKey = attempt.getString("msgKey");
      if (pending && msgKey != null && next != null && next.toInstant().isBefore(now)) {
        Date requested = attempt.getDate("requestedAt");
        due.add(
            new DueInquiry(
                notification.getString("_id"),
                msgKey,
                requested == null ? null : requested.toInstant()));
      }
    }
    return due;
  }
}
