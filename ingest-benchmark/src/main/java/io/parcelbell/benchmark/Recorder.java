package io.parcelbell.benchmark;

import java.util.Arrays;

/** Latencies per worker (each worker is sequential, so no locking), merged at the end. */
final class Recorder {

  private final long[][] latencies;
  private final int[] sizes;
  private final int[] non200;

  Recorder(int workers) {
    latencies = new long[workers][1024];
    sizes = new int[workers];
    non200 = new int[workers];
  }

  void record(int worker, long nanos, int status) {
    if (sizes[worker] == latencies[worker].length) {
      latencies[worker] = Arrays.copyOf(latencies[worker], sizes[worker] * 2);
    }
    latencies[worker][sizes[worker]++] = nanos;
    if (status != 200) {
      non200[worker]++;
    }
  }

  PhaseResult result(long elapsedNanos) {
    int total = Arrays.stream(sizes).sum();
    long[] all = new long[total];
    int at = 0;
    for (int w = 0; w < latencies.length; w++) {
      System.arraycopy(latencies[w], 0, all, at, sizes[w]);
      at += sizes[w];
    }
    Arrays.sort(all);
    return new PhaseResult(
        total,
        Arrays.stream(non200).sum(),
        elapsedNanos,
        percentile(all, 0.50),
        percentile(all, 0.99),
        total == 0 ? 0 : all[total - 1]);
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
