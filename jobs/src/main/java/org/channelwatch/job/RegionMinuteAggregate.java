package org.channelwatch.job;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.indicators.RegionMinute;

/** Adds each event to its region's minute as it arrives. */
final class RegionMinuteAggregate implements AggregateFunction<ChannelEvent, RegionMinute, RegionMinute> {

  @Override
  public RegionMinute createAccumulator() {
    return new RegionMinute();
  }

  @Override
  public RegionMinute add(ChannelEvent event, RegionMinute minute) {
    minute.add(event);
    return minute;
  }

  @Override
  public RegionMinute getResult(RegionMinute minute) {
    return minute;
  }

  @Override
  public RegionMinute merge(RegionMinute a, RegionMinute b) {
    a.merge(b);
    return a;
  }
}
