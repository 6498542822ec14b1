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
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.state.WriteBackMapState;
import org.channelwatch.state.WritesBack;

/**
 * Tallies a channel's access events per minute and item, and hands each closed minute to the
 * {@link AvailabilityDetector}. Keyed by {@code region:channel}.
 *
 * <p>The access events come summarised ({@link ChannelMinute}): each summary covers some of the
 * channel's events of one minute, and the summaries of a minute add up to all of them, whatever
 * their number and order. The channel and its items share one operator so that an item's minute is
 * judged knowing whether its channel was down in that same minute.
 */
@VisibleForTesting
public final class AccessAvailabilityFunction extends KeyedProcessFunction<String, ChannelMinute, Incident>
    implements WritesBack<String> {
  private static final long serialVersionUID = 1L;

  private final DetectionSettings settings;
  private final AvailabilityDetector detector;
  // Changed by every event: cached, and written back before each snapshot.
  private transient WriteBackMapState<String, Long, AccessTally> channelMinutes;
  private transient WriteBackMapState<String, String, AccessTally> itemMinutes;
  private transient ValueState<Incident> openServiceOutage;
  private transient MapState<String, Incident> openItemOutages;

  public AccessAvailabilityFunction(DetectionSettings settings) {
    this.settings = settings;
    this.detector = new AvailabilityDetector(settings);
  }

  @Override
  public void open(OpenContext openContext) {
    channelMinutes = WriteBackMapState.of(getRuntimeContext(), DetectionGraph.StateDescriptors.channelMinutes());
    itemMinutes = WriteBackMapState.of(getRuntimeContext(), DetectionGraph.StateDescriptors.itemMinutes());
    openServiceOutage = getRuntimeContext().getState(DetectionGraph.StateDescriptors.openServiceOutage(settings));
    openItemOutages = getRuntimeContext().getMapState(DetectionGraph.StateDescriptors.openItemOutages(settings));
  }

  @Override
  public void writeBack(KeySwitch<String> keys) throws Exception {
    channelMinutes.writeBack(keys);
    itemMinutes.writeBack(keys);
  }

  @Override
  public void processElement(ChannelMinute access, Context ctx, Collector<Incident> out) throws Exception {
    String key = ctx.getCurrentKey();
    long minuteStart = access.windowStart;
    boolean newMinute = addTo(channelMinutes, key, minuteStart, access.accessSamples, access.accessOk);
    for (int i = 0; i < access.itemCount; i++) {
      addTo(itemMinutes, key, DetectionGraph.StateDescriptors.itemMinuteKey(minuteStart, access.itemCodes[i]),
          access.itemSamples[i], access.itemOk[i]);
    }
    if (newMinute) {
      // Registered with the minute's tally: later summaries of the minute need no other.
      ctx.timerService().registerEventTimeTimer(ClosedMinutes.closesAt(minuteStart));
    }
  }

  @Override
  public void onTimer(long now, OnTimerContext ctx, Collector<Incident> out) throws Exception {
    String key = ctx.getCurrentKey();
    String region = DetectionKeys.region(key);
    Channel channel = DetectionKeys.channel(key);
    for (long minuteStart : closedMinutes(key, now)) {
      AccessTally channelMinute = channelMinutes.get(key, minuteStart);
      channelMinutes.remove(key, minuteStart);
      TreeMap<String, AccessTally> itemsOfMinute = takeItemMinutes(key, minuteStart);
      detector.closeMinute(region, channel, minuteStart, channelMinute, itemsOfMinute, new StateLedger())
          .forEach(out::collect);
    }
  }

  private List<Long> closedMinutes(String key, long now) throws Exception {
    List<Long> closed = new ArrayList<>();
    for (Long minuteStart : channelMinutes.entries(key).keySet()) {
      if (ClosedMinutes.closesAt(minuteStart) <= now) {
        closed.add(minuteStart);
      }
    }
    closed.sort(null);
    return closed;
  }

  private TreeMap<String, AccessTally> takeItemMinutes(String key, long minuteStart) throws Exception {
    String prefix = minuteStart + "/";
    TreeMap<String, AccessTally> items = new TreeMap<>();
    for (Map.Entry<String, AccessTally> entry : itemMinutes.entries(key).entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        items.put(entry.getKey().substring(prefix.length()), entry.getValue());
      }
    }
    // Removed by key, not through the iterator: that would leave an empty map behind in state.
    for (String itemCode : items.keySet()) {
      itemMinutes.remove(key, DetectionGraph.StateDescriptors.itemMinuteKey(minuteStart, itemCode));
    }
    return items;
  }

  /** Adds accesses to a tally; true when the tally is new. */
  private static <K> boolean addTo(
      WriteBackMapState<String, K, AccessTally> tallies, String key, K tallyKey, long samples, long ok) throws Exception {
    AccessTally tally = tallies.get(key, tallyKey);
    boolean isNew = tally == null;
    if (isNew) {
      tally = new AccessTally();
    }
    tally.add(samples, ok);
    tallies.put(key, tallyKey, tally);
    return isNew;
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
