package io.parcelbell.flow.destinations;

import java.net.URI;

/**
 * A destination URL as people see it: scheme, host and port, the rest elided ({@code
 * https://hooks.slack.com/…}). The path and query of an incoming-webhook URL are its credential.
 */
final class ShownUrl {

  private ShownUrl() {}

  static String of(String url) {
    URI uri = URI.create(url);
    String shown =
        uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    boolean more =
        (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
            || uri.getRawQuery() != null;
    return more ? shown + "/…" : shown;
  }
}
