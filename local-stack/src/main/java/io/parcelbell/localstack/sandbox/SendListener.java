package io.parcelbell.localstack.sandbox;

import java.time.Instant;

/**
 * Told of every message the sandbox accepts, as it accepts it: the end-to-end benchmark measures
 * sends at the provider with it.
 */
@FunctionalInterface
public interface SendListener {

  SendListener NONE = (ref, idempotencyKey, acceptedAt) -> {};

  /**
   * @param ref the destination's ref: the notification id parcelbell sends
   * @param idempotencyKey the request's key ({@code {notificationId}:{attempt}})
   */
  void accepted(String ref, String idempotencyKey, Instant acceptedAt);
}
