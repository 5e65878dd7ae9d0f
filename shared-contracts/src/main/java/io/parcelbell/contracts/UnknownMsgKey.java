package io.parcelbell.contracts;

import java.util.Objects;

/**
 * The msgKey a {@code NotificationDispatched} carries when Bizgo accepted the message but did not
 * say under which msgKey (A301 without one): {@code unknown-msgkey:<idempotencyKey>}. The notifier
 * writes it; report-service recognises it and matches the attempt's report by its {@code ref}
 * instead. One definition, so the two cannot drift apart.
 */
public final class UnknownMsgKey {

  public static final String PREFIX = "unknown-msgkey:";

  private UnknownMsgKey() {}

  public static String of(String idempotencyKey) {
    return PREFIX + Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  public static boolean isMarker(String msgKey) {
    return msgKey != null && msgKey.startsWith(PREFIX);
  }
}
