package org.channelwatch.detection;

import org.channelwatch.domain.Incident;

/**
 * What detection remembers of one region and channel's activity: its last event time and its
 * open {@code channel_silent}, if any.
 *
 * <p>A Flink POJO kept in state.
 */
public class ChannelActivity {
  /** Time of the channel's latest event in a closed minute; null before its first. */
  public Long lastEventAt;
  /** The open {@code channel_silent}, or null. */
  public Incident silence;

  public ChannelActivity() {}
}
