package io.parcelbell.notifier.sms;

import io.parcelbell.contracts.events.Channel;

/**
 * A fallback text message: SMS when it fits 90 EUC-KR bytes, otherwise LMS with a title. Texts are
 * already made EUC-KR-encodable and cut to the carrier limits.
 */
public record ShortMessage(Channel channel, String title, String text) {

  public static final int SMS_MAX_BYTES = 90;
  public static final int LMS_MAX_BYTES = 2000;
  public static final int LMS_TITLE_MAX_BYTES = 40;
  static final String DEFAULT_TITLE = "배송 알림";

  public ShortMessage {
    if (channel != Channel.SMS && channel != Channel.LMS) {
      throw new IllegalArgumentException("a short message is SMS or LMS, not " + channel);
    }
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("text is required");
    }
    if (channel == Channel.SMS && title != null) {
      throw new IllegalArgumentException("an SMS has no title");
    }
  }

  /** Chooses SMS or LMS for {@code text} by its EUC-KR length. */
  public static ShortMessage of(String text, String title) {
    String body = EucKr.encodable(text);
    if (EucKr.byteLength(body) <= SMS_MAX_BYTES) {
      return new ShortMessage(Channel.SMS, null, body);
    }
    String lmsTitle =
        EucKr.truncate(
            EucKr.encodable(title == null || title.isBlank() ? DEFAULT_TITLE : title),
            LMS_TITLE_MAX_BYTES);
    return new ShortMessage(Channel.LMS, lmsTitle, EucKr.truncate(body, LMS_MAX_BYTES));
  }
}
