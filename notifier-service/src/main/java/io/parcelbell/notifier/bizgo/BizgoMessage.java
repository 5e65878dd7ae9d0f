package io.parcelbell.notifier.bizgo;

import io.parcelbell.contracts.events.Channel;
import java.util.List;

/**
 * One attempt to reach one recipient on one channel. {@code ref} is the notification id (Bizgo
 * echoes it in the delivery report); {@code idempotencyKey} is the attempt's key, the same on every
 * retry of the attempt so Bizgo never sends it twice.
 */
public record BizgoMessage(
    String to,
    String ref,
    String idempotencyKey,
    Channel channel,
    String templateCode,
    String title,
    String text,
    List<Button> buttons) {

  public BizgoMessage {
    require(to, "to");
    require(ref, "ref");
    require(idempotencyKey, "idempotencyKey");
    require(text, "text");
    if (channel == null) {
      throw new IllegalArgumentException("channel is required");
    }
    if (channel == Channel.ALIMTALK) {
      require(templateCode, "templateCode");
    }
    if (channel == Channel.LMS) {
      require(title, "title");
    }
    buttons = buttons == null ? List.of() : List.copyOf(buttons);
  }

  public record Button(String type, String name, String urlMobile, String urlPc) {}

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
  }

  @Override
  public String toString() {
    return "BizgoMessage[ref=%s, idempotencyKey=%s, channel=%s, to=%s]"
        .formatted(ref, idempotencyKey, channel, io.parcelbell.contracts.PhoneMasking.mask(to));
  }
}
