package org.channelwatch.indicators;

import org.apache.commons.math3.fraction.BigFraction;
import org.channelwatch.domain.Channel;

/**
 * The last known access figures of each channel in one region, for {@code scores.reachable}.
 *
 * <p>A Flink POJO; arrays are indexed by {@link Channel#ordinal()}. A channel's figures are those of
 * the latest window in which it had samples; zero samples means it never had an access event.
 */
public class ChannelAvailability {
  public long[] lastOk = new long[Channel.values().length];
  public long[] lastSamples = new long[Channel.values().length];

  public ChannelAvailability() {}

  /** Takes the window's figures of every channel that had samples in it. */
  public void update(RegionMinute minute) {
    for (Channel channel : Channel.values()) {
      ChannelAccess access = minute.access(channel);
      if (access.samples > 0) {
        lastOk[channel.ordinal()] = access.ok;
        lastSamples[channel.ordinal()] = access.samples;
      }
    }
  }

  /**
   * The channel's availability after {@link #update}: this window's okRatio, else the last known
   * one, else 0 for a channel never seen.
   */
  public BigFraction of(Channel channel) {
    long samples = lastSamples[channel.ordinal()];
    return samples == 0 ? BigFraction.ZERO : new BigFraction(lastOk[channel.ordinal()], samples);
  }
}
