package io.parcelbell.localstack.services;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One child JVM: launching it, its readiness, stopping it. */
final class ServiceProcess {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

  /**
   * C1 only, small stacks, serial GC: three Spring Boot JVMs start faster and lighter on 2 cores.
   */
  static final List<String> JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:+UseSerialGC", "-Xmx256m");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final ServiceSpec spec;
  private final Process process;
  private final OutputPump output;
  private volatile boolean stopping;

  private ServiceProcess(ServiceSpec spec, Process process, OutputPump output) {
    this.spec = spec;
    this.process = process;
    this.output = output;
  }

  /**
   * Runs a copy of the jar taken now: a rebuild of the module while the stack runs rewrites the jar
   * in place, and a JVM that still loads classes from it then fails with NoClassDefFoundError.
   */
  static ServiceProcess launch(ServiceSpec spec, Path workDir, PrintStream console, boolean echo) {
    Path logDir = workDir.resolve("logs");
    Path jar = workDir.resolve("jars").resolve(spec.name() + ".jar");
    try {
      Files.createDirectories(logDir);
      Files.createDirectories(jar.getParent());
      Files.copy(spec.jar(), jar, StandardCopyOption.REPLACE_EXISTING);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_OPTIONS);
      command.add("-jar");
      command.add(jar.toString());
      command.addAll(spec.args());
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      OutputPump output =
          new OutputPump(
              spec.name(),
              process.getInputStream(),
              Files.newBufferedWriter(logDir.resolve(spec.name() + ".log"), StandardCharsets.UTF_8),
              echo ? console : null);
      output.start();
      ServiceProcess service = new ServiceProcess(spec, process, output);
      process.onExit().thenAccept(ended -> service.reportUnexpectedExit(ended, logDir));
      return service;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.name(), e);
    }
  }

  String name() {
    return spec.name();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Readiness as Kubernetes asks it (the actuator's readiness group) unless the spec says. */
  boolean isReady() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + spec.port() + spec.readinessPath()))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  String tail() {
    return output.tail();
  }

  /** Asks politely: SIGTERM runs Spring's graceful shutdown. */
  void requestStop() {
    stopping = true;
    // Through the handle: Process.destroy() also closes our end of its output, losing its shutdown
    // log.
    process.toHandle().destroy();
  }

  /**
   * Returns once the process ended (forcibly after {@code grace}) and its last lines were written.
   */
  void awaitStop(Duration grace) {
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      output.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void reportUnexpectedExit(Process ended, Path logDir) {
    if (!stopping) {
      log.warn("{} exited with code {}; see {}", spec.name(), ended.exitValue(), logDir);
    }
  }
}
