package io.parcelbell.notifier.bizgo;

/**
 * Carries a transient {@link BizgoResult} through the Resilience4j retry (configured with {@code
 * resilience4j.retry.instances.bizgo.retry-exceptions}); never escapes {@link BizgoClient}.
 */
public class BizgoTransientException extends RuntimeException {

  private final transient BizgoResult result;

  BizgoTransientException(BizgoResult result) {
    super(result.toString(), null, false, false);
    this.result = result;
  }

  BizgoResult result() {
    return result;
  }
}
