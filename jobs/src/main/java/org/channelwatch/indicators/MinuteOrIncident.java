package org.channelwatch.indicators;

import org.apache.flink.api.common.functions.MapFunction;
import org.channelwatch.domain.Incident;
import org.channelwatch.minutes.ChannelMinute;

/**
 * What reaches a region's indicators on their second input: a summary of one channel's minute, or
 * an incident change. Both come from operators upstream, and one input holds them so that the
 * indicators' operator keeps two inputs.
 *
 * <p>A Flink POJO; exactly one of the two fields is set.
 */
public class MinuteOrIncident {
  public ChannelMinute channelMinute;
  public Incident incidentChange;

  public MinuteOrIncident() {}

  public static MinuteOrIncident of(ChannelMinute channelMinute) {
    MinuteOrIncident input = new MinuteOrIncident();
    input.channelMinute = channelMinute;
    return input;
  }

  public static MinuteOrIncident of(Incident incidentChange) {
    MinuteOrIncident input = new MinuteOrIncident();
    input.incidentChange = incidentChange;
    return input;
  }

  /** The region both kinds belong to, the indicators' key. */
  public String region() {
    return channelMinute != null ? channelMinute.region : incidentChange.region;
  }

  /** Wraps summaries of channel minutes. */
  static final class FromMinute implements MapFunction<ChannelMinute, MinuteOrIncident> {
    @Override
    public MinuteOrIncident map(ChannelMinute minute) {
      return of(minute);
    }
  }

  /** Wraps incident changes. */
  static final class FromIncident implements MapFunction<Incident, MinuteOrIncident> {
    @Override
    public MinuteOrIncident map(Incident change) {
      return of(change);
    }
  }
}
