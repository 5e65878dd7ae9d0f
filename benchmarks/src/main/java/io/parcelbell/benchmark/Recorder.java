package io.parcelbell.benchmark;

import java.util.Arrays;

/**
 * One phase's measurements over all its measured windows: latencies per worker (each worker is
 * sequential, so no locking), merged at the end, plus wall-clock and CPU time of the windows.
 */
final class Recorder {

  private final long[][] latencies;
  private final int[] sizes;
  private final int[] non200;
  private long elapsedNanos;
  private long serverCpuNanos;
  private long driverCpuNanos;

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

  /** Adds one measured window's wall-clock time and the CPU time spent during it. */
  void addWindow(long elapsed, long serverCpu, long driverCpu) {
    elapsedNanos += elapsed;
    serverCpuNanos += serverCpu;
    driverCpuNanos += driverCpu;
  }

  long requests() {
    return Arrays.stream(sizes).sum();
  }

  PhaseResult result() {
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
        total == 0 ? 0 : all[total - 1],
        new PhaseResult.CpuUse(serverCpuNanos, driverCpuNanos));
  }

  private static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
  }
}
