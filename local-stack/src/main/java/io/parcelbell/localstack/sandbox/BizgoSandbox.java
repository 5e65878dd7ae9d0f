package io.parcelbell.localstack.sandbox;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stand-in for Bizgo's omni API (DESIGN.md's provider contract): accepts sends, then POSTs a
 * delivery report whose outcome the recipient's last four digits choose (see {@link
 * DeliveryOutcome}). Also a shop's webhook receiver for flow deliveries ({@link WebhookReceiver}).
 * In memory only.
 */
public final class BizgoSandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BizgoSandbox.class);

  private final HttpServer server;
  private final ExecutorService handlers;
  private final ScheduledExecutorService reports;

  private BizgoSandbox(
      HttpServer server, ExecutorService handlers, ScheduledExecutorService reports) {
    this.server = server;
    this.handlers = handlers;
    this.reports = reports;
  }

  public static BizgoSandbox start(SandboxConfig config, Clock clock) {
    return start(config, clock, SendListener.NONE);
  }

  /** A sandbox that tells {@code listener} of every message it accepts. */
  public static BizgoSandbox start(SandboxConfig config, Clock clock, SendListener listener) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("Bizgo sandbox cannot listen on port " + config.port(), e);
    }
    // Enough threads for hundreds of sends a second each waiting out the configured latency.
    ExecutorService handlers = Executors.newFixedThreadPool(64, daemon("bizgo-sandbox-http"));
    ScheduledExecutorService reports =
        Executors.newSingleThreadScheduledExecutor(daemon("bizgo-sandbox-reports"));
    SandboxStore store = new SandboxStore();
    DeliveryReporter reporter = new DeliveryReporter(config, store, clock, reports);
    server.createContext(
        "/api/comm/v1/send/omni", new OmniSendHandler(config, store, reporter, clock, listener));
    server.createContext(ReportInquiryHandler.PATH, new ReportInquiryHandler(config, store));
    server.createContext(WebhookReceiver.PATH, new WebhookReceiver(clock));
    server.setExecutor(handlers);
    server.start();
    log.info(
        "Bizgo sandbox listening on {}:{}, reports to {}",
        config.bindAddress(),
        server.getAddress().getPort(),
        config.reportUrl());
    return new BizgoSandbox(server, handlers, reports);
  }

  /** Reachable from this machine whatever the bind address (0.0.0.0 includes the loopback). */
  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    reports.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
