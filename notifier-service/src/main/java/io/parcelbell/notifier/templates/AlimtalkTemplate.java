package io.parcelbell.notifier.templates;

import java.util.List;

/**
 * A Kakao-approved Alimtalk template: its code and the exact approved text with {@code #{variable}}
 * placeholders, plus optional web-link buttons.
 */
public record AlimtalkTemplate(String templateCode, String text, List<ButtonTemplate> buttons) {

  /** Kakao's limit on an Alimtalk text after substitution. */
  static final int MAX_TEXT_LENGTH = 1000;

  public AlimtalkTemplate {
    if (templateCode == null || templateCode.isBlank()) {
      throw new IllegalArgumentException("alimtalk.template-code is required");
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("alimtalk.text is required");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new IllegalArgumentException("alimtalk.text is longer than " + MAX_TEXT_LENGTH);
    }
    TemplateVariables.requireKnown(text, TemplateVariables.TEXT_VARIABLE, "alimtalk.text");
    buttons = buttons == null ? List.of() : List.copyOf(buttons);
  }

  /** A button; only web links (WL) are used, with {@code {variable}} link templates. */
  public record ButtonTemplate(String type, String name, String urlMobile, String urlPc) {

    public ButtonTemplate {
      type = type == null ? "WL" : type;
      if (!"WL".equals(type)) {
        throw new IllegalArgumentException("button type " + type + " is not supported (WL only)");
      }
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("button name is required");
      }
      if (urlMobile == null || urlMobile.isBlank()) {
        throw new IllegalArgumentException("button url-mobile is required");
      }
      TemplateVariables.requireKnown(name, TemplateVariables.TEXT_VARIABLE, "button.name");
      TemplateVariables.requireKnown(
          urlMobile, TemplateVariables.LINK_VARIABLE, "button.url-mobile");
      TemplateVariables.requireKnown(urlPc, TemplateVariables.LINK_VARIABLE, "button.url-pc");
    }
  }
}
