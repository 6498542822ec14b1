package org.channelwatch.indicators;

import java.util.Arrays;

/** Percentiles by the nearest-rank method: the smallest value with at least p % at or below it. */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The p-th percentile of the first {@code count} values, or null when there are none.
   *
   * @param percentile 1..100
   */
  public static Long nearestRank(long[] values, int count, int percentile) {
    if (count == 0) {
      return null;
    }
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    // rank = ceil(p/100 * n), computed in integers so 95 % of 20 is exactly 19.
    int rank = (int) ((percentile * (long) count + 99) / 100);
    return sorted[Math.max(rank, 1) - 1];
  }
}
