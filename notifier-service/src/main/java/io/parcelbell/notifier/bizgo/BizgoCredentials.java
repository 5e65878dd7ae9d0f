package io.parcelbell.notifier.bizgo;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Bizgo currently accepts our API key and sender (A401/A403 say it does not). While it does
 * not, no send can succeed: the gauge {@value #GAUGE} is 1 (alert: credentials rejected), the
 * listeners pause, and a probe finds out when an operator has fixed the key. Any answer that Bizgo
 * could only give to an authenticated caller (accepted, A306, another refusal, a report lookup)
 * clears it.
 */
public class BizgoCredentials {

  public static final String GAUGE = "parcelbell.notifier.bizgo.credentials.rejected";

  /** Codes that say the API key itself was refused, which a probe can tell apart. */
  static final java.util.Set<String> KEY_REJECTED =
      java.util.Set.of("A401", "HTTP_401", CredentialsProbe.REJECTED_CODE);

  private static final Logger log = LoggerFactory.getLogger(BizgoCredentials.class);

  /** The code Bizgo rejected the credentials with; null while they are accepted. */
  private final AtomicReference<String> rejectedWith = new AtomicReference<>();

  /**
   * A probe cannot tell a sender refused with A403 from an accepted one (it only shows the key):
   * after a probe answered normally, one real send may try while the gauge stays up.
   */
  private volatile boolean trial;

  private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();

  public BizgoCredentials(MeterRegistry meters) {
    Gauge.builder(GAUGE, this, credentials -> credentials.rejected() ? 1 : 0)
        .description("1 while Bizgo rejects parcelbell's API key or sender (A401/A403)")
        .register(meters);
  }

  public boolean rejected() {
    return rejectedWith.get() != null;
  }

  /** Whether sends should wait: rejected, and no trial send is allowed. */
  public boolean blocksSends() {
    return rejected() && !trial;
  }

  /** Called with true when sends must wait, false when they may go (accepted, or a trial). */
  public void onChange(Consumer<Boolean> listener) {
    listeners.add(listener);
  }

  void rejected(String code) {
    boolean wasTrial = trial;
    trial = false;
    if (rejectedWith.getAndSet(code) == null || wasTrial) {
      log.error(
          "Bizgo rejects our credentials ({}): sending stops until"
              + " parcelbell.notifier.bizgo.api-key / sender-key are fixed; probing meanwhile",
          code);
      listeners.forEach(listener -> listener.accept(true));
    }
  }

  void accepted() {
    trial = false;
    String was = rejectedWith.getAndSet(null);
    if (was != null) {
      log.info("Bizgo accepts our credentials again (they were rejected with {})", was);
      listeners.forEach(listener -> listener.accept(false));
    }
  }

  /**
   * A probe was answered normally. That clears a rejected key (A401); for a refused sender (A403)
   * it only allows one real send to find out, and the gauge stays up until one is answered.
   */
  void probeAccepted() {
    String code = rejectedWith.get();
    if (code == null) {
      return;
    }
    if (KEY_REJECTED.contains(code)) {
      accepted();
    } else if (!trial) {
      trial = true;
      log.info("Bizgo accepts our key; trying a send to see whether it still refuses ({})", code);
      listeners.forEach(listener -> listener.accept(false));
    }
  }

  /** The state a send's result tells; transient results (no answer from Bizgo) tell nothing. */
  void learnFrom(BizgoResult result) {
    if (result instanceof BizgoResult.ConfigurationError error) {
      rejected(error.code());
    } else if (!result.isTransient()) {
      accepted();
    }
  }
}
