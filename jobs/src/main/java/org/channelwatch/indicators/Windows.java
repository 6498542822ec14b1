package org.channelwatch.indicators;

import java.time.Duration;
import java.time.Instant;

/** The 1-minute tumbling windows of contract 2, aligned to the epoch minute. */
public final class Windows {
  public static final long SIZE_MILLIS = Duration.ofMinutes(1).toMillis();

  private Windows() {}

  public static long startOf(long eventTime) {
    return Math.floorDiv(eventTime, SIZE_MILLIS) * SIZE_MILLIS;
  }

  /**
   * True when the window holding {@code eventTime} has already been emitted at this watermark:
   * the same test Flink's window operator applies to drop late elements, so an event we accept
   * is never silently dropped by a window.
   */
  public static boolean isEmitted(long eventTime, long watermark) {
    long maxTimestamp = startOf(eventTime) + SIZE_MILLIS - 1;
    return maxTimestamp <= watermark;
  }

  public static String lateDetail(long eventTime, long watermark) {
    return "time " + Instant.ofEpochMilli(eventTime) + " is behind the watermark "
        + Instant.ofEpochMilli(watermark) + ": its window was already emitted";
  }
}
