package io.parcelbell.notifier.templates;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * What to send for one shipment status: the approved Alimtalk template and the SMS/LMS fallback.
 * Bound from {@code parcelbell.notifier.templates.<STATUS>}.
 */
public record MessageTemplate(
    @Valid @NotNull AlimtalkTemplate alimtalk, @Valid SmsTemplate sms, @Valid LmsTemplate lms) {

  public MessageTemplate {
    if (alimtalk == null) {
      throw new IllegalArgumentException("alimtalk is required");
    }
  }

  /** An SMS text; absent, the fallback sends the Alimtalk text. */
  public record SmsTemplate(String text) {
    public SmsTemplate {
      TemplateVariables.requireKnown(text, TemplateVariables.TEXT_VARIABLE, "sms.text");
    }
  }

  /** The title used when the fallback text is too long for an SMS and goes as LMS. */
  public record LmsTemplate(String title) {
    public LmsTemplate {
      TemplateVariables.requireKnown(title, TemplateVariables.TEXT_VARIABLE, "lms.title");
    }
  }
}
