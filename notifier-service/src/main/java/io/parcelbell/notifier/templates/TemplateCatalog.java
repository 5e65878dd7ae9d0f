package io.parcelbell.notifier.templates;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.sms.ShortMessage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/** Renders the configured template of a shipment status, if that status has one. */
@Component
public class TemplateCatalog {

  private final Map<String, MessageTemplate> templates;

  public TemplateCatalog(NotifierProperties properties) {
    this.templates = properties.templates();
  }

  public Optional<RenderedMessage> render(ShipmentStatusChanged event) {
    MessageTemplate template = templates.get(event.status().toUpperCase(Locale.ROOT));
    if (template == null) {
      return Optional.empty();
    }
    return Optional.of(render(template, TemplateVariables.valuesOf(event)));
  }

  static RenderedMessage render(MessageTemplate template, Map<String, String> values) {
    AlimtalkTemplate alimtalk = template.alimtalk();
    String text = text(alimtalk.text(), values);
    var buttons =
        alimtalk.buttons().stream()
            .map(
                b ->
                    new RenderedMessage.Button(
                        b.type(),
                        text(b.name(), values),
                        link(b.urlMobile(), values),
                        link(b.urlPc() == null ? b.urlMobile() : b.urlPc(), values)))
            .toList();
    String smsText =
        template.sms() == null || template.sms().text() == null
            ? text
            : text(template.sms().text(), values);
    String lmsTitle = template.lms() == null ? null : text(template.lms().title(), values);
    return new RenderedMessage(
        new RenderedMessage.Alimtalk(alimtalk.templateCode(), text, buttons),
        ShortMessage.of(smsText, lmsTitle));
  }

  private static String text(String template, Map<String, String> values) {
    return TemplateVariables.fill(
        template, TemplateVariables.TEXT_VARIABLE, values, Function.identity());
  }

  /** Values in links are path-segment encoded: an order id may contain '/', '?' or Hangul. */
  private static String link(String template, Map<String, String> values) {
    return TemplateVariables.fill(
        template,
        TemplateVariables.LINK_VARIABLE,
        values,
        v -> UriUtils.encodePathSegment(v, java.nio.charset.StandardCharsets.UTF_8));
  }
}
