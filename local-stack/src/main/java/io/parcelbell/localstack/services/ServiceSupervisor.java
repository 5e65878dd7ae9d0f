package io.parcelbell.localstack.services;

import io.parcelbell.localstack.Poll;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the services' executable jars as child processes and stops them with the stack. */
public final class ServiceSupervisor implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ServiceSupervisor.class);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final List<ServiceProcess> processes = new ArrayList<>();

  /** Fails before launching anything if a jar is missing, naming the command that builds it. */
  public static void requireJars(List<ServiceSpec> specs) {
    List<String> missing =
        specs.stream()
            .map(ServiceSpec::jar)
            .filter(jar -> !Files.isRegularFile(jar))
            .map(Path::toString)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "service jar(s) missing: "
              + missing
              + " (build them from the repository root: ./mvnw -B -q -DskipTests package)");
    }
  }

  /**
   * Launches every service at once (they start in parallel), then waits until each one is ready.
   * Logs go to {@code <workDir>/logs/<name>.log}, the copies of the jars that run to {@code
   * <workDir>/jars}.
   */
  public void startAll(
      List<ServiceSpec> specs, Path workDir, PrintStream console, boolean echo, Duration timeout) {
    requireJars(specs);
    for (ServiceSpec spec : specs) {
      log.info("starting {} on port {}", spec.name(), spec.port());
      processes.add(ServiceProcess.launch(spec, workDir, console, echo));
    }
    for (ServiceProcess process : processes) {
      awaitReady(process, workDir, timeout);
      log.info("{} is ready", process.name());
    }
  }

  private static void awaitReady(ServiceProcess process, Path workDir, Duration timeout) {
    Optional<Boolean> ready =
        Poll.until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    failure(process, "exited before it was ready", workDir));
              }
              return process.isReady() ? Optional.of(true) : Optional.empty();
            },
            Duration.ofMillis(500),
            timeout);
    if (ready.isEmpty()) {
      throw new IllegalStateException(failure(process, "was not ready within " + timeout, workDir));
    }
  }

  private static String failure(ServiceProcess process, String what, Path workDir) {
    return process.name()
        + " "
        + what
        + "; full log in "
        + workDir.resolve("logs").resolve(process.name() + ".log")
        + ", last lines:"
        + System.lineSeparator()
        + process.tail();
  }

  /** Stops all children together: SIGTERM to each, then wait, then SIGKILL whoever is left. */
  @Override
  public void close() {
    processes.forEach(ServiceProcess::requestStop);
    processes.forEach(process -> process.awaitStop(STOP_GRACE));
    processes.clear();
  }
}
