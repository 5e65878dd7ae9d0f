package io.parcelbell.notifier.templates;

import io.parcelbell.notifier.sms.ShortMessage;
import java.util.List;

/**
 * A template with one shipment's values filled in: what the customer will read. {@code alimtalk} is
 * null when the filled text is too long to be an Alimtalk; then only the fallback is sent.
 */
public record RenderedMessage(Alimtalk alimtalk, ShortMessage fallback) {

  public record Alimtalk(String templateCode, String text, List<Button> buttons) {
    public Alimtalk {
      buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }
  }

  public record Button(String type, String name, String urlMobile, String urlPc) {}
}
