package org.channelwatch.detection;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.Windows;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.state.WriteBackMapState;
import org.channelwatch.state.WritesBack;

/**
 * Follows a channel's activity minute by minute and hands it to the {@link SilenceRule}. Keyed by
 * {@code region:channel}.
 *
 * <p>The activity comes summarised ({@link ChannelMinute}): each summary gives the first and last
 * event time of some of the channel's events of one minute, and the minute's span is the widest.
 *
 * <p>A channel is watched for as long as it exists, so its last event time stays in state after a
 * silence resolves, with one timer for the next deadline; the state TTL forgets channels that stop
 * for good.
 */
@VisibleForTesting
public final class ChannelSilenceFunction extends KeyedProcessFunction<String, ChannelMinute, Incident>
    implements WritesBack<String> {
  private static final long serialVersionUID = 1L;

  private final DetectionSettings settings;
  private final SilenceRule rule;
  private transient ValueState<ChannelActivity> activity;
  // Changed by every event: cached, and written back before each snapshot.
  private transient WriteBackMapState<String, Long, MinuteSpan> activeMinutes;

  public ChannelSilenceFunction(DetectionSettings settings) {
    this.settings = settings;
    this.rule = new SilenceRule(settings.silenceAfter());
  }

  @Override
  public void open(OpenContext openContext) {
    activity = getRuntimeContext().getState(DetectionGraph.StateDescriptors.channelActivity(settings));
    activeMinutes = WriteBackMapState.of(getRuntimeContext(), DetectionGraph.StateDescriptors.activeMinutes());
  }

  @Override
  public void writeBack(KeySwitch<String> keys) throws Exception {
    activeMinutes.writeBack(keys);
  }

  @Override
  public void processElement(ChannelMinute activity, Context ctx, Collector<Incident> out) throws Exception {
    String key = ctx.getCurrentKey();
    long minuteStart = activity.windowStart;
    MinuteSpan span = activeMinutes.get(key, minuteStart);
    if (span == null) {
      span = MinuteSpan.of(activity.firstEventAt);
      // Registered with the minute's span: later summaries of the minute need no other.
      ctx.timerService().registerEventTimeTimer(ClosedMinutes.closesAt(minuteStart));
    } else {
      span.include(activity.firstEventAt);
    }
    span.include(activity.lastEventAt);
    activeMinutes.put(key, minuteStart, span);
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    String key = ctx.getCurrentKey();
    String region = DetectionKeys.region(key);
    Channel channel = DetectionKeys.channel(key);
    ChannelActivity current = activity.value();
    if (current == null) {
      current = new ChannelActivity();
    }
    Long decidedAtBefore = rule.decideAt(current);
    for (long minuteStart : closedMinutes(key, now)) {
      MinuteSpan span = activeMinutes.get(key, minuteStart);
      activeMinutes.remove(key, minuteStart);
      rule.onMinute(region, channel, current, span.first, span.last).forEach(out::collect);
    }
    Incident opened = rule.onTime(region, channel, current, now, ClosedMinutes.isEndOfInput(ctx.timerService()));
    if (opened != null) {
      out.collect(opened);
    }
    Long decideAt = rule.decideAt(current);
    if (decidedAtBefore != null && !decidedAtBefore.equals(decideAt) && decidedAtBefore > now
        && !closesAMinute(key, decidedAtBefore)) {
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

  private List<Long> closedMinutes(String key, long now) throws Exception {
    List<Long> closed = new ArrayList<>();
    for (Long minuteStart : activeMinutes.entries(key).keySet()) {
      if (ClosedMinutes.closesAt(minuteStart) <= now) {
        closed.add(minuteStart);
      }
    }
    closed.sort(null);
    return closed;
  }

  private boolean closesAMinute(String key, long timer) throws Exception {
    return activeMinutes.contains(key, Windows.startOf(timer)) && ClosedMinutes.closesAt(Windows.startOf(timer)) == timer;
  }
}
