package io.parcelbell.notifier.attempts;

import io.parcelbell.contracts.events.Channel;
import io.parcelbell.notifier.bizgo.BizgoMessage;
import io.parcelbell.notifier.notification.Attempt;
import io.parcelbell.notifier.notification.NotificationDocument;
import io.parcelbell.notifier.templates.RenderedMessage;

/** The Bizgo message of one attempt: the stored content, on the attempt's channel and key. */
final class BizgoMessages {

  private BizgoMessages() {}

  static BizgoMessage of(NotificationDocument notification, Attempt attempt) {
    RenderedMessage content = notification.content();
    if (attempt.channel() == Channel.ALIMTALK) {
      var buttons =
          content.alimtalk().buttons().stream()
              .map(b -> new BizgoMessage.Button(b.type(), b.name(), b.urlMobile(), b.urlPc()))
              .toList();
      return new BizgoMessage(
          notification.recipient(),
          notification.id(),
          attempt.idempotencyKey(),
          Channel.ALIMTALK,
          content.alimtalk().templateCode(),
          null,
          content.alimtalk().text(),
          buttons);
    }
    return new BizgoMessage(
        notification.recipient(),
        notification.id(),
        attempt.idempotencyKey(),
        attempt.channel(),
        null,
        content.fallback().title(),
        content.fallback().text(),
        null);
  }
}
