package org.channelwatch.dashboards;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The ranges the region view offers, each with a histogram interval that gives a readable number
 * of points (60, 144 and 168).
 */
public enum TimeRange {
  HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
  DAY("24h", Duration.ofHours(24), Duration.ofMinutes(10)),
  WEEK("7d", Duration.ofDays(7), Duration.ofHours(1));

  private final String key;
  private final Duration length;
  private final Duration interval;

  TimeRange(String key, Duration length, Duration interval) {
    this.key = key;
    this.length = length;
    this.interval = interval;
  }

  /** How the range is named in URLs: {@code 1h}, {@code 24h}, {@code 7d}. */
  public String key() {
    return key;
  }

  public Duration length() {
    return length;
  }

  /** The width of one histogram bucket. */
  public Duration interval() {
    return interval;
  }

  /** The interval as Elasticsearch's {@code fixed_interval} reads it, such as {@code 10m}. */
  String esInterval() {
    long minutes = interval.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
  }

  /**
   * The last bucket's end for a range ending at {@code now}: the next interval boundary, so that
   * the bucket still filling is shown and every bucket is whole.
   */
  Instant end(Instant now) {
    long step = interval.toMillis();
    long millis = now.toEpochMilli();
    return Instant.ofEpochMilli(Math.floorDiv(millis, step) * step + step);
  }

  /** The first bucket's start: {@link #length()} before {@link #end(Instant)}. */
  Instant start(Instant now) {
    return end(now).minus(length);
  }

  public static Optional<TimeRange> byKey(String key) {
    for (TimeRange range : values()) {
      if (range.key.equals(key)) {
        return Optional.of(range);
      }
    }
    return Optional.empty();
  }
}
