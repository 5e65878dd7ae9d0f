package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Bizgo authenticates with the bare API key in {@code Authorization} (no "Bearer"). */
final class ApiKeyCheck {

  private ApiKeyCheck() {}

  /** Answers 401 / A401 and returns true when the request does not carry the configured key. */
  static boolean rejected(HttpExchange exchange, String apiKey) throws IOException {
    if (apiKey.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      return false;
    }
    Json.respond(exchange, 401, Json.envelope("A401", "Unauthorized", "A401", "Invalid API key"));
    return true;
  }
}
