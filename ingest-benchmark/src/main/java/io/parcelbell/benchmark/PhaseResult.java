package io.parcelbell.benchmark;

/** One measured phase: counts and latencies in nanoseconds. */
record PhaseResult(
    long requests, long non200, long elapsedNanos, long p50Nanos, long p99Nanos, long maxNanos) {

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
}
