package io.parcelbell.contracts.audit;

/**
 * The audit record of a change could not be stored: the change is refused or, when it already took
 * effect, the caller hears 503 and may retry. Services answer it 503 {@code AUDIT_UNAVAILABLE}.
 */
public final class AuditUnavailableException extends RuntimeException {

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
