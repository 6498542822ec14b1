package org.channelwatch.minutes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.indicators.Windows;

/**
 * Summarises the activity events it sees per region, channel and minute ({@link ChannelMinute}),
 * and sends each summary on once the watermark has passed the end of its minute.
 *
 * <p>Availability, silence and the indicators' access and rating figures need only a minute's
 * totals, and decide only once the minute has closed. Sending them every event (three quarters of
 * the traffic) meant a serialisation, a shuffle and a state update per event for each of them;
 * summarised here, right after deduplication and chained to it, they get a few hundred records per
 * minute of event time instead.
 *
 * <p>Unkeyed: each parallel instance summarises the events that reach it, and the keyed rules
 * downstream merge the instances' partial summaries of a minute (merging is order-free). A summary
 * leaves just before the watermark that completes its minute, so downstream it always arrives
 * before that watermark: the rules see the same minutes, complete, at the same event time as when
 * they got every event. An event of a minute already complete here (possible only where a
 * restore or an idle input let the watermark pass it) leaves at once in a summary of its own, as
 * the event itself would have, and downstream treats it as it treated a late event.
 *
 * <p>Open summaries are checkpointed as operator list state; any instance may send any summary, so
 * a restore at another parallelism just deals them out again.
 */
public final class ChannelMinutes extends AbstractStreamOperator<ChannelMinute>
    implements OneInputStreamOperator<ChannelEvent, ChannelMinute> {
  private static final long serialVersionUID = 1L;

  /** Operator uid: changing it orphans the open summaries in existing checkpoints. */
  public static final String UID = "channel-minutes";

  private static final ListStateDescriptor<ChannelMinute> OPEN_MINUTES =
      new ListStateDescriptor<>("open-channel-minutes", TypeInformation.of(ChannelMinute.class));

  /** Open summaries by minute start, then region; a region's channels by {@link Channel#ordinal()}. */
  private transient TreeMap<Long, Map<String, ChannelMinute[]>> open;
  // Nearly every event falls in the same minute as the one before: skip the tree lookup then.
  private transient long lastWindowStart;
  private transient Map<String, ChannelMinute[]> lastWindow;
  private transient long watermark;
  private transient ListState<ChannelMinute> checkpointed;

  /** Adds the summaries of {@code events} to the graph, chained to whatever produces the events. */
  public static SingleOutputStreamOperator<ChannelMinute> summarise(DataStream<ChannelEvent> events) {
    return events
        .transform("summarise channel minutes", TypeInformation.of(ChannelMinute.class), new ChannelMinutes())
        .uid(UID);
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    open = new TreeMap<>();
    lastWindow = null;
    watermark = Long.MIN_VALUE;
    checkpointed = context.getOperatorStateStore().getListState(OPEN_MINUTES);
    for (ChannelMinute restored : checkpointed.get()) {
      ChannelMinute[] channels = windowOf(restored.windowStart).computeIfAbsent(restored.region, r -> newChannels());
      ChannelMinute existing = channels[restored.channel.ordinal()];
      if (existing == null) {
        channels[restored.channel.ordinal()] = restored;
      } else {
        existing.merge(restored);
      }
    }
  }

  @Override
  public void processElement(StreamRecord<ChannelEvent> element) {
    ChannelEvent event = element.getValue();
    if (!ChannelMinute.summarises(event)) {
      return;
    }
    long windowStart = Windows.startOf(event.time);
    if (Windows.isEmitted(event.time, watermark)) {
      ChannelMinute alone = ChannelMinute.of(event.region, event.channel, windowStart);
      alone.add(event);
      emit(alone);
      return;
    }
    Map<String, ChannelMinute[]> window;
    if (lastWindow != null && windowStart == lastWindowStart) {
      window = lastWindow;
    } else {
      window = windowOf(windowStart);
      lastWindowStart = windowStart;
      lastWindow = window;
    }
    ChannelMinute[] channels = window.get(event.region);
    if (channels == null) {
      channels = newChannels();
      window.put(event.region, channels);
    }
    ChannelMinute minute = channels[event.channel.ordinal()];
    if (minute == null) {
      minute = ChannelMinute.of(event.region, event.channel, windowStart);
      channels[event.channel.ordinal()] = minute;
    }
    minute.add(event);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    watermark = mark.getTimestamp();
    // Summaries first, then the watermark that completes their minutes.
    while (!open.isEmpty() && Windows.isEmitted(open.firstKey(), watermark)) {
      Map<String, ChannelMinute[]> window = open.pollFirstEntry().getValue();
      if (window == lastWindow) {
        lastWindow = null;
      }
      for (ChannelMinute[] channels : window.values()) {
        for (ChannelMinute minute : channels) {
          if (minute != null) {
            emit(minute);
          }
        }
      }
    }
    super.processWatermark(mark);
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    List<ChannelMinute> all = new ArrayList<>();
    for (Map<String, ChannelMinute[]> window : open.values()) {
      for (ChannelMinute[] channels : window.values()) {
        for (ChannelMinute minute : channels) {
          if (minute != null) {
            all.add(minute);
          }
        }
      }
    }
    // The state backend copies the list in the synchronous part, so later events do not change it.
    checkpointed.update(all);
  }

  /** How many summaries are open now. */
  @VisibleForTesting
  int openSummaries() {
    int count = 0;
    for (Map<String, ChannelMinute[]> window : open.values()) {
      for (ChannelMinute[] channels : window.values()) {
        for (ChannelMinute minute : channels) {
          count += minute == null ? 0 : 1;
        }
      }
    }
    return count;
  }

  private void emit(ChannelMinute minute) {
    output.collect(new StreamRecord<>(minute.trimmed(), minute.windowEnd()));
  }

  private Map<String, ChannelMinute[]> windowOf(long windowStart) {
    return open.computeIfAbsent(windowStart, start -> new HashMap<>());
  }

  private static ChannelMinute[] newChannels() {
    return new ChannelMinute[Channel.values().length];
  }
}
