package io.parcelbell.report.audit;

import io.parcelbell.contracts.audit.AuditTrail;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Publishes the audit records that were stored while Kafka was unreachable, once they are a minute
 * old (younger ones may still be on their way). Runs with the sweeper's switch off too: it is no
 * test hook, an unpublished record must always get out.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditRelaySchedule {

  private static final Logger log = LoggerFactory.getLogger(AuditRelaySchedule.class);

  private final AuditTrail trail;

  AuditRelaySchedule(AuditTrail trail) {
    this.trail = trail;
  }

  @Scheduled(fixedDelayString = "${parcelbell.report.audit-relay-interval:30s}")
  void relay() {
    try {
      Long published =
          trail.publishPending(Duration.ofMinutes(1), 500).block(Duration.ofMinutes(2));
      if (published != null && published > 0) {
        log.info("published {} audit records stored while Kafka was unreachable", published);
      }
    } catch (RuntimeException e) {
      log.warn("audit relay: {}; next try in the next interval", e.toString());
    }
  }
}
