package io.parcelbell.benchmark;

import io.parcelbell.benchmark.endtoend.EndToEndBenchmark;
import java.util.Arrays;

/**
 * {@code java -jar benchmarks/target/benchmarks-<version>.jar
 * <ingest|end-to-end|report|flow|dashboard> [--option=value ...]}: each benchmark prints what it
 * measured; none is a test.
 */
public final class Benchmarks {

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    String which = args.length == 0 ? "" : args[0];
    String[] options = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (which) {
      case "ingest" -> IngestBenchmark.main(options);
      case "end-to-end" -> EndToEndBenchmark.main(options);
      case "report" -> io.parcelbell.benchmark.report.ReportBenchmark.main(options);
      case "flow" -> io.parcelbell.benchmark.flow.FlowBenchmark.main(options);
      case "dashboard" -> io.parcelbell.benchmark.dashboard.DashboardBenchmark.main(options);
      default -> {
        System.err.println(
            "usage: java -jar benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar"
                + " <ingest|end-to-end|report|flow|dashboard> [--option=value ...]");
        System.exit(2);
      }
    }
  }
}
