package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Bizgo's JSON envelope and the HTTP plumbing the sandbox's handlers share. */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static JsonNode readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      return MAPPER.readTree(in);
    } catch (tools.jackson.core.JacksonException e) {
      throw new MalformedRequestException("body is not JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * {@code {"common":{authCode,authResult},"data":{code,result,...}}}: the shape of every Bizgo
   * answer.
   */
  static ObjectNode envelope(String authCode, String authResult, String code, String result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("common").put("authCode", authCode).put("authResult", authResult);
    root.putObject("data").put("code", code).put("result", result);
    return root;
  }

  static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = MAPPER.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void respondEmpty(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}
