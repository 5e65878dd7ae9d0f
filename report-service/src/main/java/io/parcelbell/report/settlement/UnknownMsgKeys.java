package io.parcelbell.report.settlement;

import io.parcelbell.contracts.UnknownMsgKey;
import io.parcelbell.contracts.events.AttemptState;
import io.parcelbell.contracts.events.Channel;
import io.parcelbell.report.store.AttemptDocument;
import io.parcelbell.report.store.NotificationDocument;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The notifier's marker for an attempt Bizgo accepted without telling us its msgKey (A301, the
 * idempotency key was used before, answered without the original msgKey): {@code
 * unknown-msgkey:<idempotencyKey>}. Its report can never match by msgKey, so it is matched by the
 * report's {@code ref} (the notification id) and channel instead — but only when that is
 * unambiguous: the notification's only marked attempt on that channel, and no other attempt on that
 * channel still PENDING (whose report this might be instead).
 */
public final class UnknownMsgKeys {

  private UnknownMsgKeys() {}

  /** The channel a report is about: its serviceType, else its msgType. */
  static Optional<Channel> channelOf(String serviceType, String msgType) {
    String type = serviceType != null && !serviceType.isBlank() ? serviceType : msgType;
    if (type == null) {
      return Optional.empty();
    }
    return switch (type.trim().toUpperCase(Locale.ROOT)) {
      case "ALIMTALK", "AT" -> Optional.of(Channel.ALIMTALK);
      case "SMS" -> Optional.of(Channel.SMS);
      case "LMS", "MMS" -> Optional.of(Channel.LMS);
      default -> Optional.empty();
    };
  }

  /** The msgKey (the marker) of the one attempt a report on {@code channel} can only be about. */
  static Optional<String> soleMarkedAttempt(NotificationDocument doc, Channel channel) {
    List<AttemptDocument> onChannel =
        doc.attempts().stream().filter(a -> a.channel() == channel).toList();
    List<AttemptDocument> marked =
        onChannel.stream().filter(a -> UnknownMsgKey.isMarker(a.msgKey())).toList();
    boolean otherPending =
        onChannel.stream()
            .anyMatch(
                a -> !UnknownMsgKey.isMarker(a.msgKey()) && a.state() == AttemptState.PENDING);
    if (marked.size() != 1 || otherPending) {
      return Optional.empty();
    }
    return Optional.of(marked.get(0).msgKey());
  }
}
