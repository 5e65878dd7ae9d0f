package io.parcelbell.benchmark.flow;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A shop's receiver as fast as this machine allows: answers 204 at once and records when each
 * delivery arrived, with its body (the benchmark reads its due time from it).
 */
final class Receiver implements AutoCloseable {

  /** One delivery as it arrived. */
  record Arrival(Instant at, String body) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(64);
  final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    server.createContext(
        "/",
        exchange -> {
          byte[] body;
          try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
          }
          arrivals.add(new Arrival(Instant.now(), new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
