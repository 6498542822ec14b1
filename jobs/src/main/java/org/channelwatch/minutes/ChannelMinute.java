package org.channelwatch.minutes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.indicators.Windows;

/**
 * What one channel of one region did in one 1-minute window, or in part of it: the figures every
 * per-minute rule needs, so that those rules get one record per minute instead of every event.
 *
 * <p>It holds the access events' samples, {@code ok} outcomes and latencies (all of them: the
 * indicators' p95 is exact), the same per item code, the first and last time of any activity
 * event (every type but the catalog's), and the ratings by score. Summaries of the same channel and
 * minute built from different parts of the stream {@link #merge} into the summary of the whole, in
 * any order: every figure is a count, a minimum, a maximum or a multiset.
 *
 * <p>A Flink POJO. Items sit in parallel arrays, since a map field would fall back to Kryo; a
 * transient index finds an item while events are added.
 */
public class ChannelMinute {
  public String region;
  public Channel channel;
  public long windowStart;

  /** Activity events summarised: every type but the catalog's. */
  public long activityEvents;
  /** Event time of the earliest and the latest activity event; meaningless without any. */
  public long firstEventAt = Long.MAX_VALUE;
  public long lastEventAt = Long.MIN_VALUE;

  /** Access events, those with outcome {@code ok}, and the latencies of those that had one. */
  public long accessSamples;
  public long accessOk;
  public long[] latencies = new long[0];
  public int latencyCount;

  /** Access events that carried an item code, per item: {@code itemCodes[i]} has {@code itemSamples[i]}. */
  public String[] itemCodes = new String[0];
  public long[] itemSamples = new long[0];
  public long[] itemOk = new long[0];
  public int itemCount;

  /** Ratings by score: {@code ratingsByScore[s - 1]} ratings of score {@code s}. */
  public long[] ratingsByScore = new long[5];

  private transient Map<String, Integer> itemIndex;

  public ChannelMinute() {}

  /** An empty summary of one channel's minute; {@code windowStart} is the minute's start. */
  public static ChannelMinute of(String region, Channel channel, long windowStart) {
    ChannelMinute minute = new ChannelMinute();
    minute.region = region;
    minute.channel = channel;
    minute.windowStart = windowStart;
    return minute;
  }

  /** Whether {@code event} is summarised at all: catalog events are state, not activity. */
  public static boolean summarises(ChannelEvent event) {
    return !event.type.isCatalog();
  }

  /** The last millisecond of the minute: when its summary is complete, and the summary's timestamp. */
  public long windowEnd() {
    return windowStart + Windows.SIZE_MILLIS - 1;
  }

  /** Adds one activity event of this region, channel and minute. */
  public void add(ChannelEvent event) {
    activityEvents++;
    firstEventAt = Math.min(firstEventAt, event.time);
    lastEventAt = Math.max(lastEventAt, event.time);
    if (event.type == EventType.SERVICE_ACCESS) {
      boolean ok = event.outcome == AccessOutcome.OK;
      accessSamples++;
      if (ok) {
        accessOk++;
      }
      if (event.latencyMs != null) {
        addLatency(event.latencyMs);
      }
      if (event.itemCode != null) {
        addItem(event.itemCode, 1, ok ? 1 : 0);
      }
    } else if (event.type == EventType.SERVICE_RATING) {
      ratingsByScore[event.score - 1]++;
    }
  }

  /** Adds another summary of the same region, channel and minute. */
  public void merge(ChannelMinute other) {
    activityEvents += other.activityEvents;
    firstEventAt = Math.min(firstEventAt, other.firstEventAt);
    lastEventAt = Math.max(lastEventAt, other.lastEventAt);
    accessSamples += other.accessSamples;
    accessOk += other.accessOk;
    for (int i = 0; i < other.latencyCount; i++) {
      addLatency(other.latencies[i]);
    }
    for (int i = 0; i < other.itemCount; i++) {
      addItem(other.itemCodes[i], other.itemSamples[i], other.itemOk[i]);
    }
    for (int score = 0; score < ratingsByScore.length; score++) {
      ratingsByScore[score] += other.ratingsByScore[score];
    }
  }

  /** Drops unused capacity of the arrays, so that serialising sends no padding. */
  public ChannelMinute trimmed() {
    latencies = Arrays.copyOf(latencies, latencyCount);
    itemCodes = Arrays.copyOf(itemCodes, itemCount);
    itemSamples = Arrays.copyOf(itemSamples, itemCount);
    itemOk = Arrays.copyOf(itemOk, itemCount);
    return this;
  }

  public boolean hasAccess() {
    return accessSamples > 0;
  }

  public long ratings() {
    long total = 0;
    for (long count : ratingsByScore) {
      total += count;
    }
    return total;
  }

  private void addLatency(long latency) {
    if (latencyCount == latencies.length) {
      latencies = Arrays.copyOf(latencies, Math.max(16, latencyCount * 2));
    }
    latencies[latencyCount++] = latency;
  }

  private void addItem(String itemCode, long samples, long ok) {
    if (itemIndex == null) {
      itemIndex = new HashMap<>();
      for (int i = 0; i < itemCount; i++) {
        itemIndex.put(itemCodes[i], i);
      }
    }
    Integer at = itemIndex.get(itemCode);
    if (at == null) {
      if (itemCount == itemCodes.length) {
        int capacity = Math.max(8, itemCount * 2);
        itemCodes = Arrays.copyOf(itemCodes, capacity);
        itemSamples = Arrays.copyOf(itemSamples, capacity);
        itemOk = Arrays.copyOf(itemOk, capacity);
      }
      at = itemCount++;
      itemCodes[at] = itemCode;
      itemIndex.put(itemCode, at);
    }
    itemSamples[at] += samples;
    itemOk[at] += ok;
  }

  @Override
  public String toString() {
    return region + "/" + channel + " minute " + windowStart + ": " + activityEvents + " events, access " + accessOk + "/"
        + accessSamples + ", " + itemCount + " items";
  }
}
