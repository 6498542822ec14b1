package org.channelwatch.indicators;

import java.util.Arrays;

/**
 * Access figures of one channel in one window: samples, {@code ok} outcomes and the latencies
 * needed for an exact nearest-rank p95.
 *
 * <p>A Flink POJO; latencies sit in a growable {@code long[]} because an exact percentile needs
 * every value, and a primitive array is the most compact way to keep them.
 */
public class ChannelAccess {
  public long samples;
  public long ok;
  public long[] latencies = new long[0];
  public int latencyCount;

  public ChannelAccess() {}

  public void add(boolean isOk, Long latencyMs) {
    samples++;
    if (isOk) {
      ok++;
    }
    if (latencyMs != null) {
      addLatency(latencyMs);
    }
  }

  /** Adds a number of accesses, {@code moreOk} of them ok, and the first {@code count} of {@code moreLatencies}. */
  public void add(long moreSamples, long moreOk, long[] moreLatencies, int count) {
    samples += moreSamples;
    ok += moreOk;
    for (int i = 0; i < count; i++) {
      addLatency(moreLatencies[i]);
    }
  }

  public void merge(ChannelAccess other) {
    samples += other.samples;
    ok += other.ok;
    for (int i = 0; i < other.latencyCount; i++) {
      addLatency(other.latencies[i]);
    }
  }

  private void addLatency(long latency) {
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, Math.max(8, latencyCount * 2));
    }
    latencies[latencyCount++] = latency;
  }

  /** ok / samples, or null when there were no samples. */
  public Double okRatio() {
    return samples == 0 ? null : ok / (double) samples;
  }

  /** The 95th percentile latency by nearest rank, or null when no event carried a latency. */
  public Long p95LatencyMs() {
    return Percentiles.nearestRank(latencies, latencyCount, 95);
  }
}
