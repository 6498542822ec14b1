package org.channelwatch.indicators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.channelwatch.connectors.elasticsearch.EsDocument;

/**
 * Ranks all regions and writes their {@code channelwatch-regions} documents (contract 4.3).
 *
 * <p>Runs with parallelism 1, since a rank needs every region. Snapshots wait until the watermark
 * passes the end of their minute, by which time every region's snapshot of that minute has arrived;
 * minutes are then ranked one at a time in order. So the documents do not depend on the order in
 * which parallel upstream subtasks deliver, and are the same at any upstream parallelism. Per minute
 * it writes every region that had a snapshot in it and every region whose rank changed, in region
 * order. State is operator (union list) state, checkpointed whole on every snapshot.
 */
public class RegionRankingOperator extends AbstractStreamOperator<EsDocument>
    implements OneInputStreamOperator<RegionSnapshot, EsDocument> {

  /** The operator's state, in one place so its layout can be kept compatible. */
  static final class States {
    static final ListStateDescriptor<RegionSnapshot> LATEST =
        new ListStateDescriptor<>("latest-snapshot-per-region", TypeInformation.of(RegionSnapshot.class));
    static final ListStateDescriptor<RegionSnapshot> WAITING =
        new ListStateDescriptor<>("snapshots-waiting-for-watermark", TypeInformation.of(RegionSnapshot.class));

    private States() {}
  }

  private transient ListState<RegionSnapshot> latestState;
  private transient ListState<RegionSnapshot> waitingState;
  private transient Map<String, RegionSnapshot> latest;
  private transient TreeMap<Long, List<RegionSnapshot>> waitingByWindowStart;
  private transient Map<String, Integer> ranks;

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    latestState = context.getOperatorStateStore().getUnionListState(States.LATEST);
    waitingState = context.getOperatorStateStore().getUnionListState(States.WAITING);
    latest = new HashMap<>();
    waitingByWindowStart = new TreeMap<>();
    for (RegionSnapshot snapshot : latestState.get()) {
      latest.put(snapshot.region, snapshot);
    }
    for (RegionSnapshot snapshot : waitingState.get()) {
      await(snapshot);
    }
    ranks = Ranks.rank(overallByRegion());
  }

  @Override
  public void snapshotState(StateSnapshotContext context) throws Exception {
    super.snapshotState(context);
    latestState.update(new ArrayList<>(latest.values()));
    List<RegionSnapshot> waiting = new ArrayList<>();
    waitingByWindowStart.values().forEach(waiting::addAll);
    waitingState.update(waiting);
  }

  @Override
  public void processElement(StreamRecord<RegionSnapshot> element) {
    await(element.getValue());
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    while (!waitingByWindowStart.isEmpty()
        && waitingByWindowStart.firstKey() + Windows.SIZE_MILLIS - 1 <= mark.getTimestamp()) {
      Map.Entry<Long, List<RegionSnapshot>> minute = waitingByWindowStart.pollFirstEntry();
      publish(minute.getKey(), minute.getValue());
    }
    super.processWatermark(mark);
  }

  private void await(RegionSnapshot snapshot) {
    waitingByWindowStart.computeIfAbsent(snapshot.windowStart, start -> new ArrayList<>()).add(snapshot);
  }

  private void publish(long windowStart, List<RegionSnapshot> minute) {
    Map<String, Integer> before = ranks;
    TreeSet<String> toWrite = new TreeSet<>();
    for (RegionSnapshot snapshot : minute) {
      latest.put(snapshot.region, snapshot);
      toWrite.add(snapshot.region);
    }
    ranks = Ranks.rank(overallByRegion());
    for (String region : latest.keySet()) {
      if (!Objects.equals(before.get(region), ranks.get(region))) {
        toWrite.add(region);
      }
    }
    long timestamp = windowStart + Windows.SIZE_MILLIS - 1;
    for (String region : toWrite) {
      EsDocument document = IndicatorDocuments.regionDocument(latest.get(region), ranks.get(region));
      output.collect(new StreamRecord<>(document, timestamp));
    }
  }

  private Map<String, Double> overallByRegion() {
    Map<String, Double> overall = new HashMap<>();
    latest.forEach((region, snapshot) -> overall.put(region, snapshot.overall));
    return overall;
  }
}
