package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Stands in for report-service's webhook: records every report POSTed and answers the scripted
 * statuses.
 */
final class ReportReceiver implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final Queue<Integer> scriptedStatuses = new ConcurrentLinkedQueue<>();

  ReportReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext(
        "/webhook/bizgo/report",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            received.add(MAPPER.readTree(in));
          }
          Integer scripted = scriptedStatuses.poll();
          exchange.sendResponseHeaders(scripted == null ? 200 : scripted, -1);
          exchange.close();
        });
    server.start();
  }

  URI url() {
    return URI.create(
        "http://localhost:" + server.getAddress().getPort() + "/webhook/bizgo/report");
  }

  /** The next POSTs are answered with these statuses, then 200 again. */
  void answerNext(Integer... statuses) {
    scriptedStatuses.addAll(List.of(statuses));
  }

  List<JsonNode> received() {
    return received;
  }

  List<JsonNode> receivedFor(String msgKey) {
    return received.stream().filter(r -> msgKey.equals(r.path("msgKey").asString())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
