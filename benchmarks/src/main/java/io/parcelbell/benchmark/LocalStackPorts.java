package io.parcelbell.benchmark;

import io.parcelbell.localstack.FreePorts;
import io.parcelbell.localstack.StackOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the benchmarks that run the local stack's pieces share: options and free ports. */
public final class LocalStackPorts {

  private LocalStackPorts() {}

  /** The local stack's options with every port free, the data under {@code data}. */
  public static StackOptions onFreePorts(Path repo, Path data) throws IOException {
    return StackOptions.parse(
        List.of(
            "--repo-dir=" + repo,
            "--data-dir=" + data,
            "--kafka-port=" + freePort(),
            "--kafka-controller-port=" + freePort(),
            "--mongo-port=" + freePort(),
            "--sandbox-port=" + freePort(),
            "--ingest-port=" + freePort(),
            "--notifier-port=" + freePort(),
            "--report-port=" + freePort(),
            "--flow-port=" + freePort(),
            "--console-port=" + freePort(),
            "--auth-port=" + freePort()));
  }

  /** {@code --name=value} arguments as a map. */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 3) {
        throw new IllegalArgumentException("options are --name=value, not " + arg);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    return options;
  }

  /** Outside the ephemeral range, so no outgoing connection takes it first (see FreePorts). */
  private static int freePort() {
    return FreePorts.next();
  }
}
