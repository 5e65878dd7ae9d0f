package io.parcelbell.notifier.intake;

import io.parcelbell.notifier.bizgo.BizgoClient;
import io.parcelbell.notifier.bizgo.BizgoCredentials;
import io.parcelbell.notifier.config.NotifierProperties;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * While Bizgo rejects our credentials the listeners are paused, so no send can find out when an
 * operator fixed them: every {@code parcelbell.notifier.bizgo.credentials-probe-interval} a request
 * that sends nothing asks Bizgo instead. Its answer updates {@link BizgoCredentials}, which resumes
 * the listeners (see {@link PauseWhileBizgoIsDown}).
 */
@Component
class ProbeRejectedCredentials {

  private final BizgoCredentials credentials;
  private final BizgoClient bizgo;
  private final Duration timeout;

  ProbeRejectedCredentials(
      BizgoCredentials credentials, BizgoClient bizgo, NotifierProperties properties) {
    this.credentials = credentials;
    this.bizgo = bizgo;
    this.timeout = properties.stepTimeout();
  }

  @Scheduled(
      fixedDelayString = "${parcelbell.notifier.bizgo.credentials-probe-interval:30s}",
      initialDelayString = "${parcelbell.notifier.bizgo.credentials-probe-interval:30s}")
  void probe() {
    if (credentials.blocksSends()) {
      bizgo.probeCredentials().block(timeout);
    }
  }
}
