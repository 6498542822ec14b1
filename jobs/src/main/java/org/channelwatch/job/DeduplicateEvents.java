package org.channelwatch.job;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.ChannelEvent;

/**
 * Passes each event once: a later event with the same {@code source} and {@code id} is a repeat
 * delivery (contract 1.1) and is dropped. Keyed by {@link ChannelEvent#dedupKey()}.
 *
 * <p>An id is remembered until event time has moved {@code span} past it, by an event-time timer,
 * because the contract measures the span in event time. A long processing-time TTL backs that up
 * for keys whose timer could never fire (a stream that stops for good).
 */
final class DeduplicateEvents extends KeyedProcessFunction<String, ChannelEvent, ChannelEvent> {

  /** Backstop only: far longer than any span, so it never decides before the timer does. */
  static final Duration STATE_TTL = Duration.ofDays(7);

  private final long spanMillis;
  private transient ValueState<Long> forgetAt;
  private transient Counter duplicates;

  DeduplicateEvents(Duration span) {
    this.spanMillis = span.toMillis();
  }

  /** The state of this operator: one long per remembered id (plus its key and one timer). */
  static ValueStateDescriptor<Long> forgetAtDescriptor() {
    ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("forget-at", Types.LONG);
    descriptor.enableTimeToLive(
        StateTtlConfig.newBuilder(STATE_TTL).setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite).build());
    return descriptor;
  }

  @Override
  public void open(OpenContext openContext) {
    forgetAt = getRuntimeContext().getState(forgetAtDescriptor());
    duplicates = getRuntimeContext().getMetricGroup().counter(Metrics.DUPLICATES);
  }

  @Override
  public void processElement(ChannelEvent event, Context ctx, Collector<ChannelEvent> out) throws Exception {
    if (forgetAt.value() != null) {
      duplicates.inc();
      return;
    }
    // A catalog event may lie far behind the watermark; count its span from now, not from its time.
    long forget = Math.max(event.time, ctx.timerService().currentWatermark()) + spanMillis;
    forgetAt.update(forget);
    ctx.timerService().registerEventTimeTimer(forget);
    out.collect(event);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<ChannelEvent> out) throws Exception {
    forgetAt.clear();
  }
}
