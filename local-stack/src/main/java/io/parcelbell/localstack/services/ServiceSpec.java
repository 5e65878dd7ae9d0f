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
 */
public record ServiceSpec(String name, Path jar, int port, List<String> args) {

  public ServiceSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jar, "jar");
    args = List.copyOf(args);
  }
}
