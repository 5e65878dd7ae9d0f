package io.parcelbell.notifier.quiethours;

import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether a status may be sent now or must wait for the end of quiet hours (default 21:00–08:00
 * Asia/Seoul; DELIVERED is exempt because the customer is waiting for it). A window whose start is
 * after its end spans midnight.
 */
@Component
public class QuietHoursPolicy {

  private final LocalTime start;
  private final LocalTime end;
  private final ZoneId zone;
  private final Set<String> exempt;

  public QuietHoursPolicy(NotifierProperties properties) {
    NotifierProperties.QuietHours quietHours = properties.quietHours();
    this.start = quietHours.start();
    this.end = quietHours.end();
    this.zone = quietHours.zone();
    this.exempt = quietHours.exemptStatusSet();
  }

  /** When {@code status} may be sent, if not now; empty means send now. */
  public Optional<Instant> releaseAt(String status, Instant now) {
    if (exempt.contains(status.toUpperCase(Locale.ROOT))) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    if (!isQuiet(local.toLocalTime())) {
      return Optional.empty();
    }
    ZonedDateTime release = local.toLocalDate().atTime(end).atZone(zone);
    if (!release.isAfter(local)) {
      release = release.plusDays(1);
    }
    return Optional.of(release.toInstant());
  }

  private boolean isQuiet(LocalTime time) {
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
