package io.parcelbell.console.config;

import io.parcelbell.contracts.codes.FailureCode;
import io.parcelbell.contracts.codes.FailureCodes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the templates call as {@code @display}: times in KST, ages in words, and the failure-code
 * dictionary in the page's language.
 */
@Component("display")
public class Display {

  public static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter KST =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'KST'").withZone(SEOUL);

  private final MessageSource messages;

  public Display(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * The words for an API value ({@code prefix + value}, e.g. {@code state.SENT}); the value itself
   * when the console has none (a status DeliveryAPI added since), a dash when there is none.
   */
  public String label(String prefix, String value, Locale locale) {
    if (value == null || value.isBlank()) {
      return "—";
    }
    return messages.getMessage(
        prefix + value, null, value, locale == null ? Locale.KOREAN : locale);
  }

  public String orDash(String value) {
    return value == null || value.isBlank() ? "—" : value;
  }

  public String kst(Instant at) {
    return at == null ? "—" : KST.format(at);
  }

  /** A duration in the page's language, to the minute (seconds under one). */
  public String age(Duration age, Locale locale) {
    if (age == null) {
      return "—";
    }
    boolean english = locale != null && "en".equals(locale.getLanguage());
    long seconds = Math.max(0, age.toSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    StringBuilder text = new StringBuilder();
    if (days > 0) {
      text.append(days).append(english ? " d " : "일 ");
    }
    if (hours > 0) {
      text.append(hours).append(english ? " h " : "시간 ");
    }
    if (minutes > 0 || (days == 0 && hours == 0 && seconds >= 60)) {
      text.append(minutes).append(english ? " min" : "분");
    }
    if (text.isEmpty()) {
      text.append(seconds).append(english ? " s" : "초");
    }
    return text.toString().strip();
  }

  public Duration since(Instant at, Instant now) {
    return at == null || now == null ? null : Duration.between(at, now);
  }

  public String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  public Optional<FailureCode.Text> code(String code, Locale locale) {
    return FailureCodes.find(code).map(entry -> entry.in(locale));
  }
}
