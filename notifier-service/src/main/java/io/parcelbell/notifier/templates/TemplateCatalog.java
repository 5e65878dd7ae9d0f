package io.parcelbell.notifier.templates;

import io.parcelbell.contracts.events.ShipmentStatusChanged;
import io.parcelbell.notifier.config.NotifierProperties;
import io.parcelbell.notifier.sms.ShortMessage;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Renders the configured template of a shipment status, if that status has one.
 *
 * <p>Kakao accepts an Alimtalk only when its text is the approved template with the variables
 * filled in, at most {@value AlimtalkTemplate#MAX_TEXT_LENGTH} characters. Long values (a product
 * name of several hundred characters) can push the filled text over the limit. Cutting it would no
 * longer match the approved template, so such a message is rendered without an Alimtalk and goes
 * straight to SMS/LMS (whose text is cut predictably at the LMS limit).
 */
@Component
public class TemplateCatalog {

  private static final Logger log = LoggerFactory.getLogger(TemplateCatalog.class);

  private final Map<String, MessageTemplate> templates;

  public TemplateCatalog(NotifierProperties properties) {
    this.templates = properties.templates();
  }

  public Optional<RenderedMessage> render(ShipmentStatusChanged event) {
    MessageTemplate template = templates.get(event.status().toUpperCase(Locale.ROOT));
    if (template == null) {
      return Optional.empty();
    }
    RenderedMessage rendered = render(template, TemplateVariables.valuesOf(event));
    if (rendered.alimtalk() == null) {
      log.warn(
          "{} text of {} is over {} characters once filled: sending {} instead of Alimtalk",
          template.alimtalk().templateCode(),
          event.shipmentKey(),
          AlimtalkTemplate.MAX_TEXT_LENGTH,
          rendered.fallback().channel());
    }
    return Optional.of(rendered);
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
    boolean fitsAlimtalk =
        text.codePointCount(0, text.length()) <= AlimtalkTemplate.MAX_TEXT_LENGTH;
    return new RenderedMessage(
        fitsAlimtalk ? new RenderedMessage.Alimtalk(alimtalk.templateCode(), text, buttons) : null,
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
