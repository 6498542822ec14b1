package org.channelwatch.detection;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.Windows;

/**
 * Follows a channel's activity minute by minute and hands it to the {@link SilenceRule}. Keyed by
 * {@code region:channel}.
 *
 * <p>A channel is watched for as long as it exists, so its last event time stays in state after a
 * silence resolves, with one timer for the next deadline; the state TTL forgets channels that stop
 * for good.
 */
@VisibleForTesting
public final class ChannelSilenceFunction extends KeyedProcessFunction<String, ChannelEvent, Incident> {
  private static final long serialVersionUID = 1L;

  private final DetectionSettings settings;
  private final SilenceRule rule;
  private transient ValueState<ChannelActivity> activity;
  private transient MapState<Long, MinuteSpan> activeMinutes;

  public ChannelSilenceFunction(DetectionSettings settings) {
    this.settings = settings;
    this.rule = new SilenceRule(settings.silenceAfter());
  }

  @Override
  public void open(OpenContext openContext) {
    activity = getRuntimeContext().getState(DetectionGraph.StateDescriptors.channelActivity(settings));
    activeMinutes = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.activeMinutes());
  }

  @Override
  public void processElement(ChannelEvent event, Context ctx, Collector<Incident> out) throws Exception {
    long minuteStart = Windows.startOf(event.time);
    MinuteSpan span = activeMinutes.get(minuteStart);
    if (span == null) {
      span = MinuteSpan.of(event.time);
    } else {
      span.include(event.time);
    }
    activeMinutes.put(minuteStart, span);
    ctx.timerService().registerEventTimeTimer(ClosedMinutes.closesAt(event.time));
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    String region = DetectionKeys.region(ctx.getCurrentKey());
    Channel channel = DetectionKeys.channel(ctx.getCurrentKey());
    ChannelActivity current = activity.value();
    if (current == null) {
      current = new ChannelActivity();
    }
    Long decidedAtBefore = rule.decideAt(current);
    for (long minuteStart : closedMinutes(now)) {
      MinuteSpan span = activeMinutes.get(minuteStart);
      activeMinutes.remove(minuteStart);
      rule.onMinute(region, channel, current, span.first, span.last).forEach(out::collect);
    }
    Incident opened = rule.onTime(region, channel, current, now, ClosedMinutes.isEndOfInput(ctx.timerService()));
    if (opened != null) {
      out.collect(opened);
    }
    Long decideAt = rule.decideAt(current);
    if (decidedAtBefore != null && !decidedAtBefore.equals(decideAt) && decidedAtBefore > now && !closesAMinute(decidedAtBefore)) {
      // A later event moved the deadline: drop the old timer unless an open minute needs it.
      ctx.timerService().deleteEventTimeTimer(decidedAtBefore);
    }
    if (decideAt != null) {
      ClosedMinutes.registerLater(ctx.timerService(), decideAt, now);
    }
    if (current.lastEventAt != null) {
      activity.update(current);
    }
  }

  private List<Long> closedMinutes(long now) throws Exception {
    List<Long> closed = new ArrayList<>();
    for (Long minuteStart : activeMinutes.keys()) {
      if (ClosedMinutes.closesAt(minuteStart) <= now) {
        closed.add(minuteStart);
      }
    }
    closed.sort(null);
    return closed;
  }

  private boolean closesAMinute(long timer) throws Exception {
    return activeMinutes.contains(Windows.startOf(timer)) && ClosedMinutes.closesAt(Windows.startOf(timer)) == timer;
  }
}
