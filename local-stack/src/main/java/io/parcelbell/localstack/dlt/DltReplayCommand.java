package io.parcelbell.localstack.dlt;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * {@code ./run-local dlt-replay --topic=<topic>.DLT [--apply]}: a dry run by default (how many
 * records, and why they were parked); {@code --apply} moves them back onto the source topic.
 */
public final class DltReplayCommand {

  public static final String USAGE =
      String.join(
          "\n",
          "usage: ./run-local dlt-replay --topic=<topic>.DLT [--apply] [--bootstrap-servers=localhost:9092]",
          "                              [--command-config=<file>]",
          "  Counts the records parked on the dead-letter topic and why (a dry run: nothing moves).",
          "  --apply moves them back onto <topic>, as they were first published, and remembers where it",
          "  stopped (consumer group parcelbell-dlt-replay.<topic>.DLT): a second run moves only newer ones.",
          "  Fix the cause first: a record that fails the same way is parked again.",
          "  --command-config: a properties file of Kafka client settings (security.protocol, sasl.*, ssl.*).");

  private DltReplayCommand() {}

  /** Returns the process exit code. */
  public static int run(List<String> args, PrintStream out) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage() + "\n" + USAGE);
      return 2;
    }
    if (options.containsKey("help")) {
      out.println(USAGE);
      return 0;
    }
    String topic = options.get("topic");
    if (topic == null) {
      out.println("--topic is required\n" + USAGE);
      return 2;
    }
    boolean apply = options.containsKey("apply");
    Properties client = client(options);
    DltReplay.Result result;
    try {
      result = new DltReplay(client).run(topic, !apply);
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      return 2;
    }
    print(result, out);
    return 0;
  }

  static void print(DltReplay.Result result, PrintStream out) {
    if (result.records() == 0) {
      out.printf("%s: nothing to replay%n", result.deadLetterTopic());
      return;
    }
    out.printf(
        "%s: %d record(s) %s %s%n",
        result.deadLetterTopic(),
        result.records(),
        result.moved() ? "moved back onto" : "would be moved back onto",
        result.sourceTopic());
    result.reasons().forEach((reason, count) -> out.printf("  %6d  %s%n", count, reason));
    if (!result.moved()) {
      out.println("dry run: nothing moved; run again with --apply to move them");
    }
  }

  private static Properties client(Map<String, String> options) throws IOException {
    Properties client = new Properties();
    String config = options.get("command-config");
    if (config != null) {
      try (InputStream in = Files.newInputStream(Path.of(config))) {
        client.load(in);
      }
    }
    client.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        options.getOrDefault(
            "bootstrap-servers",
            client.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")));
    return client;
  }

  private static Map<String, String> parse(List<String> args) {
    var options = new java.util.LinkedHashMap<String, String>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String[] parts = arg.substring(2).split("=", 2);
      String name = parts[0];
      if (!List.of("topic", "apply", "bootstrap-servers", "command-config", "help", "repo-dir")
          .contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, parts.length == 2 ? parts[1] : "");
    }
    return options;
  }
}
