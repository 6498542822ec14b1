package org.channelwatch.indicators;

import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;

/**
 * What one region's events of one 1-minute window add up to; built incrementally, one event at a
 * time, so no window ever buffers its events.
 *
 * <p>A Flink POJO. Channels are indexed by {@link Channel#ordinal()}.
 */
public class RegionMinute {
  public ChannelAccess[] access = newAccess();
  public long events;

  public RegionMinute() {}

  private static ChannelAccess[] newAccess() {
    ChannelAccess[] access = new ChannelAccess[Channel.values().length];
    for (int i = 0; i < access.length; i++) {
      access[i] = new ChannelAccess();
    }
    return access;
  }

  public void add(ChannelEvent event) {
    events++;
    if (event.type == EventType.SERVICE_ACCESS) {
      access[event.channel.ordinal()].add(event.outcome == AccessOutcome.OK, event.latencyMs);
    }
  }

  public void merge(RegionMinute other) {
    events += other.events;
    for (int i = 0; i < access.length; i++) {
      access[i].merge(other.access[i]);
    }
  }

  public ChannelAccess access(Channel channel) {
    return access[channel.ordinal()];
  }
}
