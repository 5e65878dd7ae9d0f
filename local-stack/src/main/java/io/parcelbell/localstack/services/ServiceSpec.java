package io.parcelbell.localstack.services;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One service to run as {@code java -jar <jar> <args>}, configured only by standard Spring
 * properties.
 *
 * @param name the module name, used as the output prefix and the log file name
 * @param port its {@code server.port}, where readiness is asked
 * @param readinessPath answers 200 once it is ready
 */
public record ServiceSpec(
    String name, Path jar, int port, List<String> args, String readinessPath) {

  /** The actuator's readiness group, as Kubernetes asks it. */
  public static final String ACTUATOR_READINESS = "/actuator/health/readiness";

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jar, "jar");
    Objects.requireNonNull(readinessPath, "readinessPath");
    args = List.copyOf(args);
  }

  /** A service whose readiness is the actuator's. */
  public ServiceSpec(String name, Path jar, int port, List<String> args) {
    this(name, jar, port, args, ACTUATOR_READINESS);
  }
}
