package io.parcelbell.console.config;

import org.springframework.web.util.UriComponentsBuilder;

/** A controller's answer that sends the browser to a console page, the values encoded. */
public final class Redirect {

  private Redirect() {}

  /**
   * {@code redirect:} and {@code template} (a path, optionally with a query) with its {@code {…}}
   * variables filled in order, then encoded for the part of the URL each stands in.
   */
  public static String to(String template, Object... values) {
    return "redirect:"
        + UriComponentsBuilder.fromUriString(template)
            .buildAndExpand(values)
            .encode()
            .toUriString();
  }
}
