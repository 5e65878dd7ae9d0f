package io.parcelbell.benchmark;

/** One measured phase: counts and latencies in nanoseconds. */
record PhaseResult(
    long requests,
    long non200,
    long elapsedNanos,
    long p50Nanos,
    long p99Nanos,
    long maxNanos,
    CpuUse cpu) {

  /**
   * CPU time spent during the measured phase by the server under test and by this benchmark's own
   * JVM (the load generator, and in the ingest phase also the Kafka broker).
   */
  record CpuUse(long serverNanos, long driverNanos) {}

  double requestsPerSecond() {
    return requests / (elapsedNanos / 1e9);
  }

  String describe(String name) {
    return "%-6s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   max %8.2f ms   requests %d   non-200 %d"
        .formatted(
            name,
            requestsPerSecond(),
            p50Nanos / 1e6,
            p99Nanos / 1e6,
            maxNanos / 1e6,
            requests,
            non200);
  }

  String describeCpu(String name) {
    if (requests == 0) {
      return name;
    }
    return "%-6s CPU per request: server %5.0f µs   benchmark JVM (load generator%s) %5.0f µs"
        .formatted(
            name,
            cpu.serverNanos() / 1e3 / requests,
            "ingest".equals(name) ? " + Kafka broker" : "",
            cpu.driverNanos() / 1e3 / requests);
  }
}
