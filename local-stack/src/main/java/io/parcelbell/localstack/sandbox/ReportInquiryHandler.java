package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/comm/v1/report/inquiry/{msgKey}}: the report once one was produced, else A404.
 */
final class ReportInquiryHandler implements HttpHandler {

  static final String PATH = "/api/comm/v1/report/inquiry/";

  private final SandboxConfig config;
  private final SandboxStore store;

  ReportInquiryHandler(SandboxConfig config, SandboxStore store) {
    this.config = config;
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      Json.respondEmpty(exchange, 405);
      return;
    }
    if (ApiKeyCheck.rejected(exchange, config.apiKey())) {
      return;
    }
    String msgKey = exchange.getRequestURI().getPath().substring(PATH.length());
    ObjectNode answer =
        store
            .report(msgKey)
            .map(
                report -> {
                  ObjectNode root = Json.envelope("A000", "Success", "A000", "Success");
                  ((ObjectNode) root.get("data")).set("data", report.deepCopy());
                  return root;
                })
            .orElseGet(() -> Json.envelope("A000", "Success", "A404", "report not found"));
    Json.respond(exchange, 200, answer);
  }
}
