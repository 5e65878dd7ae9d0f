package io.parcelbell.console.config;

import java.time.Duration;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.i18n.LocaleContextResolver;

/**
 * Korean unless the person chose English: {@code ?lang=en} (or {@code ko}) switches and is
 * remembered in a cookie; any other value is ignored. The browser's Accept-Language is not asked:
 * the shop's operators work in Korean first, and the toggle is one click.
 */
public final class LanguageResolver implements LocaleContextResolver {

  public static final String PARAM = "lang";
  static final String COOKIE = "parcelbell-lang";

  @Override
  public LocaleContext resolveLocaleContext(ServerWebExchange exchange) {
    String asked = exchange.getRequest().getQueryParams().getFirst(PARAM);
    Locale chosen = supported(asked);
    if (chosen != null) {
      exchange
          .getResponse()
          .addCookie(
              ResponseCookie.from(COOKIE, chosen.getLanguage())
                  .path("/")
                  .maxAge(Duration.ofDays(365))
                  .httpOnly(true)
                  .sameSite("Lax")
                  .build());
      return new SimpleLocaleContext(chosen);
    }
    HttpCookie remembered = exchange.getRequest().getCookies().getFirst(COOKIE);
    Locale kept = remembered == null ? null : supported(remembered.getValue());
    return new SimpleLocaleContext(kept == null ? Locale.KOREAN : kept);
  }

  @Override
  public void setLocaleContext(ServerWebExchange exchange, LocaleContext localeContext) {
    throw new UnsupportedOperationException("the language is chosen with ?lang=");
  }

  private static Locale supported(String language) {
    if ("en".equals(language)) {
      return Locale.ENGLISH;
    }
    if ("ko".equals(language)) {
      return Locale.KOREAN;
    }
    return null;
  }
}
