package org.channelwatch.detection;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.state.HeldElements;
import org.channelwatch.state.HoldsElements;

/**
 * Applies an item's catalog events as they arrive and hands each change to the
 * {@link GuideConsistencyRule}. Keyed by {@code region:itemCode}.
 *
 * <p>Catalog events are never late. One ahead of the watermark is held until event time reaches
 * it, and those due together apply in the order of time, channel, source and id: upstream
 * operators keyed otherwise (de-duplication) may deliver an item's publications from different
 * channels in any order at parallelism above 1, and the incident must not depend on it. One at
 * or behind the watermark applies at once, under the revision rule. The other timer is the end of
 * the grace period of an inconsistency; the channels' publications stay in state, as the catalog.
 */
@VisibleForTesting
public final class GuideConsistencyFunction extends KeyedProcessFunction<String, ChannelEvent, Incident>
    implements HoldsElements<String, ChannelEvent> {
  private static final long serialVersionUID = 1L;

  private final GuideConsistencyRule rule;
  private transient MapState<String, ChannelPublication> publications;
  private transient ValueState<GuideWatch> watch;
  // Catalog events ahead of the watermark, by their time.
  private transient HeldElements<String, ChannelEvent> pending;

  public GuideConsistencyFunction(DetectionSettings settings) {
    this.rule = new GuideConsistencyRule(settings.inconsistencyGrace());
  }

  @Override
  public void open(OpenContext openContext) {
    publications = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.publications());
    watch = getRuntimeContext().getState(DetectionGraph.StateDescriptors.guideWatch());
  }

  @Override
  public TypeInformation<ChannelEvent> heldType() {
    return TypeInformation.of(ChannelEvent.class);
  }

  @Override
  public void holdIn(HeldElements<String, ChannelEvent> held) {
    this.pending = held;
  }

  @Override
  public void processElement(ChannelEvent catalog, Context ctx, Collector<Incident> out) throws Exception {
    if (catalog.time > ctx.timerService().currentWatermark()) {
      pending.add(ctx.getCurrentKey(), catalog.time, catalog);
      ctx.timerService().registerEventTimeTimer(catalog.time);
      return;
    }
    apply(catalog, ctx.timerService(), out);
  }

  /** Sorts as (time, channel, source, id): times are positive, so zero-padding orders them. */
  static String orderKey(ChannelEvent event) {
    return String.format("%020d|%d|%s|%s", event.time, event.channel.ordinal(), event.source, event.id);
  }

  private void applyDue(String key, long now, TimerService timers, Collector<Incident> out) throws Exception {
    List<ChannelEvent> due = pending.takeUpTo(key, now);
    if (due.size() > 1) {
      due.sort(Comparator.comparing(GuideConsistencyFunction::orderKey));
    }
    for (ChannelEvent event : due) {
      apply(event, timers, out);
    }
  }

  private void apply(ChannelEvent catalog, TimerService timers, Collector<Incident> out) throws Exception {
    String channel = catalog.channel.wireName();
    ChannelPublication current = publications.get(channel);
    if (GuideConsistencyRule.isStale(current, catalog.revision)) {
      return;
    }
    ChannelPublication next = GuideConsistencyRule.apply(current, catalog);
    if (!next.published && next.revision == null) {
      publications.remove(channel);
    } else {
      publications.put(channel, next);
    }

    GuideWatch before = watch.value();
    GuideConsistencyRule.Outcome outcome =
        rule.afterChange(catalog.region, catalog.itemCode, before, GuideComparison.of(publishedKeyFacts()), catalog.time);
    outcome.changes().forEach(out::collect);
    if (before == null && outcome.watch() != null) {
      timers.registerEventTimeTimer(rule.openAt(outcome.watch()));
    } else if (before != null && outcome.watch() == null && before.incident == null) {
      timers.deleteEventTimeTimer(rule.openAt(before));
    }
    if (outcome.watch() == null) {
      watch.clear();
    } else {
      watch.update(outcome.watch());
    }
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    String key = ctx.getCurrentKey();
    applyDue(key, now, ctx.timerService(), out);
    GuideWatch current = watch.value();
    Incident opened =
        rule.onTime(DetectionKeys.region(key), DetectionKeys.rest(key), current, now, ClosedMinutes.isEndOfInput(ctx.timerService()));
    if (opened != null) {
      out.collect(opened);
      watch.update(current);
    }
  }

  private Map<Channel, NormalisedKeyFacts> publishedKeyFacts() throws Exception {
    Map<Channel, NormalisedKeyFacts> published = new EnumMap<>(Channel.class);
    for (Map.Entry<String, ChannelPublication> entry : publications.entries()) {
      if (entry.getValue().published) {
        published.put(Channel.fromWireName(entry.getKey()).orElseThrow(), entry.getValue().facts);
      }
    }
    return published;
  }
}
