package io.parcelbell.localstack.services;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a Spring Boot service jar: prints a line, then answers readiness until it is
 * killed.
 */
public final class FakeService {

  private FakeService() {}

  public static void main(String[] args) throws IOException {
    int port = 0;
    for (String arg : args) {
      if (arg.equals("--exit")) {
        System.out.println("fake service failing on purpose");
        System.exit(3);
      }
      if (arg.startsWith("--server.port=")) {
        port = Integer.parseInt(arg.substring("--server.port=".length()));
      }
    }
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
    byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/actuator/health/readiness",
        exchange -> {
          exchange.sendResponseHeaders(200, up.length);
          exchange.getResponseBody().write(up);
          exchange.close();
        });
    server.start();
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> System.out.println("fake service stopping gracefully")));
    System.out.println("fake service ready on " + port + " with " + String.join(" ", args));
  }
}
