package io.parcelbell.benchmark;

import io.parcelbell.localstack.FreePorts;
import io.parcelbell.localstack.StackOptions;
import io.parcelbell.localstack.mongo.MongoWireServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the benchmarks that run the local stack's pieces share: options and free ports. */
public final class LocalStackPorts {

  private LocalStackPorts() {}

  /**
   * The MongoDB-wire server as {@code --mongo} says: {@code memory} (the default) keeps its data in
   * memory, {@code h2} in the local stack's MVStore file under {@code data} (what {@code
   * ./run-local} runs; writing that file costs the stand-in about two fifths of its CPU).
   */
  public static MongoWireServer mongo(Map<String, String> options, Path data, int port) {
    return switch (options.getOrDefault("mongo", "memory")) {
      case "memory" -> MongoWireServer.inMemory(port);
      case "h2" -> MongoWireServer.start(data.resolve("mongo").resolve("parcelbell.mv"), port);
      default ->
          throw new IllegalArgumentException(
              "--mongo is memory or h2, not " + options.get("mongo"));
    };
  }

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
