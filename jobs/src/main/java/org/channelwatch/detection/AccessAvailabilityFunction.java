package org.channelwatch.detection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.channelwatch.domain.AccessOutcome;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.Windows;

/**
 * Tallies a channel's access events per minute and item, and hands each closed minute to the
 * {@link AvailabilityDetector}. Keyed by {@code region:channel}.
 *
 * <p>The channel and its items share one operator so that an item's minute is judged knowing
 * whether its channel was down in that same minute.
 */
@VisibleForTesting
public final class AccessAvailabilityFunction extends KeyedProcessFunction<String, ChannelEvent, Incident> {
  private static final long serialVersionUID = 1L;

  private final DetectionSettings settings;
  private final AvailabilityDetector detector;
  private transient MapState<Long, AccessTally> channelMinutes;
  private transient MapState<String, AccessTally> itemMinutes;
  private transient ValueState<Incident> openServiceOutage;
  private transient MapState<String, Incident> openItemOutages;

  public AccessAvailabilityFunction(DetectionSettings settings) {
    this.settings = settings;
    this.detector = new AvailabilityDetector(settings);
  }

  @Override
  public void open(OpenContext openContext) {
    channelMinutes = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.channelMinutes());
    itemMinutes = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.itemMinutes());
    openServiceOutage = getRuntimeContext().getState(DetectionGraph.StateDescriptors.openServiceOutage(settings));
    openItemOutages = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.openItemOutages(settings));
  }

  @Override
  public void processElement(ChannelEvent access, Context ctx, Collector<Incident> out) throws Exception {
    long minuteStart = Windows.startOf(access.time);
    boolean ok = access.outcome == AccessOutcome.OK;
    addTo(channelMinutes, minuteStart, ok);
    if (access.itemCode != null) {
      addTo(itemMinutes, DetectionGraph.StateDescriptors.itemMinuteKey(minuteStart, access.itemCode), ok);
    }
    ctx.timerService().registerEventTimeTimer(ClosedMinutes.closesAt(access.time));
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    String region = DetectionKeys.region(ctx.getCurrentKey());
    Channel channel = DetectionKeys.channel(ctx.getCurrentKey());
    for (long minuteStart : closedMinutes(now)) {
      AccessTally channelMinute = channelMinutes.get(minuteStart);
      channelMinutes.remove(minuteStart);
      TreeMap<String, AccessTally> itemsOfMinute = takeItemMinutes(minuteStart);
      detector.closeMinute(region, channel, minuteStart, channelMinute, itemsOfMinute, new StateLedger())
          .forEach(out::collect);
    }
  }

  private List<Long> closedMinutes(long now) throws Exception {
    List<Long> closed = new ArrayList<>();
    for (Long minuteStart : channelMinutes.keys()) {
      if (ClosedMinutes.closesAt(minuteStart) <= now) {
        closed.add(minuteStart);
      }
    }
    closed.sort(null);
    return closed;
  }

  private TreeMap<String, AccessTally> takeItemMinutes(long minuteStart) throws Exception {
    String prefix = minuteStart + "/";
    TreeMap<String, AccessTally> items = new TreeMap<>();
    for (Map.Entry<String, AccessTally> entry : itemMinutes.entries()) {
      if (entry.getKey().startsWith(prefix)) {
        items.put(entry.getKey().substring(prefix.length()), entry.getValue());
      }
    }
    // Removed by key, not through the iterator: that would leave an empty map behind in state.
    for (String itemCode : items.keySet()) {
      itemMinutes.remove(DetectionGraph.StateDescriptors.itemMinuteKey(minuteStart, itemCode));
    }
    return items;
  }

  private static <K> void addTo(MapState<K, AccessTally> tallies, K key, boolean ok) throws Exception {
    AccessTally tally = tallies.get(key);
    if (tally == null) {
      tally = new AccessTally();
    }
    tally.add(ok);
    tallies.put(key, tally);
  }

  /** The ledger over this key's state; Flink's checked exceptions become unchecked ones. */
  private final class StateLedger implements OutageLedger {
    @Override
    public Incident service() {
      try {
        return openServiceOutage.value();
      } catch (Exception e) {
        throw new IllegalStateException("could not read the open service outage", e);
      }
    }

    @Override
    public void setService(Incident open) {
      try {
        if (open == null) {
          openServiceOutage.clear();
        } else {
          openServiceOutage.update(open);
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not write the open service outage", e);
      }
    }

    @Override
    public Incident item(String itemCode) {
      try {
        return openItemOutages.get(itemCode);
      } catch (Exception e) {
        throw new IllegalStateException("could not read the open item outage of " + itemCode, e);
      }
    }

    @Override
    public void setItem(String itemCode, Incident open) {
      try {
        if (open == null) {
          openItemOutages.remove(itemCode);
        } else {
          openItemOutages.put(itemCode, open);
        }
      } catch (Exception e) {
        throw new IllegalStateException("could not write the open item outage of " + itemCode, e);
      }
    }
  }
}
