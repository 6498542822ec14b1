package org.channelwatch.indicators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.state.HeldElements;
import org.channelwatch.state.HoldsElements;
import org.channelwatch.state.WriteBackMapState;
import org.channelwatch.state.WriteBackValueState;
import org.channelwatch.state.WritesBack;

/**
 * Keeps one region's indicators and writes its per-minute documents (contract 4.1) and its items
 * documents (4.3); sends each minute on to the ranking of regions.
 *
 * <p>Input 1 is the region's valid events, input 2 summaries of its channels' minutes ({@link
 * ChannelMinute}) and its incident changes. Access events and ratings may come either way: one by
 * one on input 1, or summarised on input 2 (the job sends them summarised, see {@link
 * #isSummarised}); a minute's figures are the same. Activity events add to the accumulator of
 * their minute (in state by window start; no window buffers its events). Catalog
 * events and incident changes are never late: one at or behind the watermark is applied on arrival;
 * one ahead of it waits until the watermark reaches its time, so that a minute's document shows the
 * catalog and the open incidents as they stood at the minute's end, whatever the parallelism. Case
 * events (submissions, status reports, hall visits) ahead of the watermark wait the same way, since
 * their effect depends on their order: they apply in event-time order, whatever order parallel
 * subtasks delivered them in.
 *
 * <p>From the minute of a region's first event on, an event-time timer at the end of each minute
 * writes that minute, quiet or not, so charts have no gaps. At the end of a bounded input (watermark
 * {@link Long#MAX_VALUE}) the region's minutes stop after its last minute with an event.
 */
public class RegionIndicatorFunction extends KeyedCoProcessFunction<String, ChannelEvent, MinuteOrIncident, EsDocument>
    implements WritesBack<String>, HoldsElements<String, PendingChange> {

  /** Every written minute, for the ranking of regions. */
  public static final OutputTag<RegionSnapshot> REGION_SNAPSHOTS =
      new OutputTag<>("region-snapshots", TypeInformation.of(RegionSnapshot.class));

  /** Activity events whose minute was already written; none reach here while intake drops late events. */
  public static final String LATE_EVENTS_METRIC = "channelwatchIndicatorLateEvents";

  /** How often, in event time, expired cases are swept out of state. */
  static final Duration CASE_SWEEP_INTERVAL = Duration.ofHours(1);

  /**
   * The function's keyed state, in one place so its layout can be kept compatible. Descriptors with a
   * time-to-live are made per instance, as enabling it changes the descriptor.
   */
  static final class States {
    static ValueStateDescriptor<RegionProgress> progress() {
      return new ValueStateDescriptor<>("progress", TypeInformation.of(RegionProgress.class));
    }

    /** Accumulators of the minutes not yet written, by window start. */
    static MapStateDescriptor<Long, RegionMinute> minutes() {
      return new MapStateDescriptor<>("minutes", Types.LONG, TypeInformation.of(RegionMinute.class));
    }

    /** Catalog items by item code; never expire, as an item stays published until withdrawn. */
    static MapStateDescriptor<String, CatalogItem> catalogItems() {
      return new MapStateDescriptor<>("catalog-items", Types.STRING, TypeInformation.of(CatalogItem.class));
    }

    static ValueStateDescriptor<CatalogFigures> catalogFigures() {
      return new ValueStateDescriptor<>("catalog-figures", TypeInformation.of(CatalogFigures.class));
    }

    static ValueStateDescriptor<ChannelAvailability> availability() {
      return new ValueStateDescriptor<>("channel-availability", TypeInformation.of(ChannelAvailability.class));
    }

    /**
     * Cases by id. Cases are dropped by an event-time sweep; the processing-time time-to-live of
     * twice that is a backstop for when event time stops.
     */
    static MapStateDescriptor<String, CaseRecord> cases(IndicatorSettings settings) {
      MapStateDescriptor<String, CaseRecord> descriptor =
          new MapStateDescriptor<>("cases", Types.STRING, TypeInformation.of(CaseRecord.class));
      descriptor.enableTimeToLive(backstop(settings.caseTimeToLive()));
      return descriptor;
    }

    static MapStateDescriptor<String, String[]> caseIdsByApplicantAndItem(IndicatorSettings settings) {
      MapStateDescriptor<String, String[]> descriptor =
          new MapStateDescriptor<>("case-ids-by-applicant-and-item", Types.STRING, Types.OBJECT_ARRAY(Types.STRING));
      descriptor.enableTimeToLive(backstop(settings.caseTimeToLive()));
      return descriptor;
    }

    static MapStateDescriptor<String, Long> endedCaseIds(IndicatorSettings settings) {
      MapStateDescriptor<String, Long> descriptor =
          new MapStateDescriptor<>("ended-case-ids", Types.STRING, Types.LONG);
      descriptor.enableTimeToLive(backstop(settings.endedCaseMemory()));
      return descriptor;
    }

    static MapStateDescriptor<String, IncidentKind> openIncidents() {
      return new MapStateDescriptor<>("open-incidents", Types.STRING, Types.ENUM(IncidentKind.class));
    }

    private static StateTtlConfig backstop(Duration eventTimeToLive) {
      return StateTtlConfig.newBuilder(eventTimeToLive.multipliedBy(2))
          .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
          .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
          .build();
    }

    private States() {}
  }

  private final IndicatorSettings settings;

  // Changed by every event: cached, and written back before each snapshot.
  private transient WriteBackValueState<String, RegionProgress> progressState;
  private transient WriteBackMapState<String, Long, RegionMinute> minutes;
  private transient ValueState<CatalogFigures> catalogFigures;
  private transient ValueState<ChannelAvailability> availabilityState;
  // Changes waiting for the watermark, by region and event time, in the order they arrived.
  private transient HeldElements<String, PendingChange> pending;
  private transient KeyValueStore<String, CatalogItem> catalogItems;
  private transient RegionCases cases;
  private transient OpenIncidents openIncidents;
  private transient Counter lateEvents;

  public RegionIndicatorFunction(IndicatorSettings settings) {
    this.settings = settings;
  }

  @Override
  public void open(OpenContext openContext) {
    progressState = new WriteBackValueState<>(getRuntimeContext().getState(States.progress()));
    minutes = WriteBackMapState.of(getRuntimeContext(), States.minutes());
    catalogFigures = getRuntimeContext().getState(States.catalogFigures());
    availabilityState = getRuntimeContext().getState(States.availability());
    // Keyed state follows the current key, so these views serve every region in turn.
    catalogItems = new MapStateStore<>(getRuntimeContext().getMapState(States.catalogItems()));
    cases =
        new RegionCases(
            new MapStateStore<>(getRuntimeContext().getMapState(States.cases(settings))),
            new MapStateStore<>(getRuntimeContext().getMapState(States.caseIdsByApplicantAndItem(settings))),
            new MapStateStore<>(getRuntimeContext().getMapState(States.endedCaseIds(settings))),
            settings);
    openIncidents = new OpenIncidents(new MapStateStore<>(getRuntimeContext().getMapState(States.openIncidents())));
    lateEvents = getRuntimeContext().getMetricGroup().counter(LATE_EVENTS_METRIC);
  }

  @Override
  public void writeBack(KeySwitch<String> keys) throws Exception {
    progressState.writeBack(keys);
    minutes.writeBack(keys);
  }

  /** How many changes wait for the watermark, over all regions of this subtask. */
  @VisibleForTesting
  int heldChanges() {
    return pending.size();
  }

  @Override
  public TypeInformation<PendingChange> heldType() {
    return TypeInformation.of(PendingChange.class);
  }

  @Override
  public void holdIn(HeldElements<String, PendingChange> held) {
    this.pending = held;
  }

  @Override
  public void processElement1(ChannelEvent event, Context ctx, Collector<EsDocument> out) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    String region = ctx.getCurrentKey();
    RegionProgress progress = progress(region);
    if (event.type.isCatalog()) {
      if (event.time > watermark) {
        // Its minute gets a document; if that minute was already written (possible only after a
        // restore reset the watermark), the change shows in the next one instead.
        progress.noteEventIn(Windows.startOf(event.time), watermark);
        hold(event.time, PendingChange.of(event), ctx);
      } else {
        progress.noteChangeAt(watermark);
        applyCatalog(event, out);
      }
    } else {
      long windowStart = Windows.startOf(event.time);
      if (!progress.noteEventIn(windowStart, watermark)) {
        lateEvents.inc();
        return;
      }
      if (isCaseEvent(event) && event.time > watermark) {
        // Which submission of a case id counts, which report ends a case and which case a visit
        // links to depend on order. Parallel subtasks deliver a region's events in any order, so
        // case events wait for event time and apply in its order.
        hold(event.time, PendingChange.of(event), ctx);
      } else {
        addToMinute(region, event, windowStart);
      }
    }
    progressState.update(region, progress);
    scheduleNextWindow(progress, watermark, ctx.timerService());
  }

  /**
   * Whether the figures of events of this type can come summarised in channel minutes: those of
   * access events and ratings, which depend on nothing but their own minute. Catalog and case
   * events and hall visits change state that outlives the minute, in an order that matters.
   */
  public static boolean isSummarised(EventType type) {
    return type == EventType.SERVICE_ACCESS || type == EventType.SERVICE_RATING;
  }

  @Override
  public void processElement2(MinuteOrIncident input, Context ctx, Collector<EsDocument> out) throws Exception {
    if (input.channelMinute != null) {
      addChannelMinute(ctx.getCurrentKey(), input.channelMinute, ctx);
    } else {
      applyIncidentChange(input.incidentChange, ctx);
    }
  }

  /** Adds a summary as its events would have been added one by one; it is never behind the watermark in the job. */
  private void addChannelMinute(String region, ChannelMinute summary, Context ctx) throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    RegionProgress progress = progress(region);
    if (!progress.noteEventIn(summary.windowStart, watermark)) {
      lateEvents.inc(summary.accessSamples + summary.ratings());
      return;
    }
    RegionMinute minute = minutes.get(region, summary.windowStart);
    if (minute == null) {
      minute = new RegionMinute();
    }
    minute.add(summary, settings.badRatingMaxScore());
    minutes.put(region, summary.windowStart, minute);
    progressState.update(region, progress);
    scheduleNextWindow(progress, watermark, ctx.timerService());
  }

  private void applyIncidentChange(Incident change, Context ctx) throws Exception {
    Long time = ctx.timestamp();
    if (time != null && time > ctx.timerService().currentWatermark()) {
      hold(time, PendingChange.of(change), ctx);
    } else {
      openIncidents.apply(change);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    String region = ctx.getCurrentKey();
    applyChangesDueAt(region, timestamp, out);
    RegionProgress progress = progressState.value(region);
    if (progress == null) {
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    boolean endOfInput = watermark == Long.MAX_VALUE;
    boolean wrote = false;
    while (progress.isNextWindowDue(timestamp, endOfInput)) {
      writeWindow(region, progress.nextWindowStart, ctx, out);
      progress.advance();
      wrote = true;
    }
    if (wrote) {
      progressState.update(region, progress);
    }
    scheduleNextWindow(progress, watermark, ctx.timerService());
  }

  private RegionProgress progress(String region) throws Exception {
    RegionProgress progress = progressState.value(region);
    return progress == null ? new RegionProgress() : progress;
  }

  private void scheduleNextWindow(RegionProgress progress, long watermark, TimerService timers) {
    if (progress.nextWindowStart == null) {
      return;
    }
    boolean quietMinutesWouldNeverEnd = watermark == Long.MAX_VALUE && progress.nextWindowStart > progress.lastEventWindowStart;
    if (!quietMinutesWouldNeverEnd) {
      // Registering the same time again is a no-op, so this is safe on every call.
      timers.registerEventTimeTimer(progress.nextWindowDueAt());
    }
  }

  private void addToMinute(String region, ChannelEvent event, long windowStart) throws Exception {
    RegionMinute minute = minutes.get(region, windowStart);
    if (minute == null) {
      minute = new RegionMinute();
    }
    minute.add(event);
    switch (event.type) {
      case CASE_SUBMITTED -> {
        if (cases.submit(event)) {
          minute.countSubmission(event.channel);
        }
      }
      case CASE_STATUS -> {
        if (cases.report(event)) {
          minute.listEndedCase(event.caseId);
        }
      }
      case HALL_VISIT -> {
        minute.countVisit(event.purpose);
        cases.visit(event);
      }
      case SERVICE_RATING -> minute.countRating(event.score, settings.badRatingMaxScore());
      default -> {
        // Access events are counted by RegionMinute.add; catalog events never get here.
      }
    }
    minutes.put(region, windowStart, minute);
  }

  private void hold(long time, PendingChange change, Context ctx) {
    pending.add(ctx.getCurrentKey(), time, change);
    ctx.timerService().registerEventTimeTimer(time);
  }

  /**
   * Applies the changes waiting for exactly this time, in {@link PendingChange#SAME_TIME_ORDER};
   * earlier times had their own timers.
   */
  private void applyChangesDueAt(String region, long time, Collector<EsDocument> out) throws Exception {
    List<PendingChange> due = pending.take(region, time);
    if (due.isEmpty()) {
      return;
    }
    // Stable: changes that tie keep their order of arrival.
    due.sort(PendingChange.SAME_TIME_ORDER);
    for (PendingChange change : due) {
      if (change.incidentChange != null) {
        openIncidents.apply(change.incidentChange);
      } else if (change.event.type.isCatalog()) {
        applyCatalog(change.event, out);
      } else {
        addToMinute(change.event.region, change.event, Windows.startOf(change.event.time));
      }
    }
  }

  private static boolean isCaseEvent(ChannelEvent event) {
    return event.type == EventType.CASE_SUBMITTED
        || event.type == EventType.CASE_STATUS
        || event.type == EventType.HALL_VISIT;
  }

  private void applyCatalog(ChannelEvent event, Collector<EsDocument> out) throws Exception {
    CatalogFigures figures = catalogFigures.value();
    if (figures == null) {
      figures = new CatalogFigures();
    }
    CatalogItem changed = new RegionCatalog(catalogItems, figures).apply(event);
    if (changed == null) {
      return;
    }
    catalogFigures.update(figures);
    out.collect(IndicatorDocuments.itemDocument(event.region, changed));
  }

  private void writeWindow(String region, long windowStart, OnTimerContext ctx, Collector<EsDocument> out) throws Exception {
    RegionMinute minute = minutes.get(region, windowStart);
    if (minute == null) {
      minute = new RegionMinute();
    } else {
      minutes.remove(region, windowStart);
    }
    for (String caseId : minute.endedCaseIds) {
      CaseRecord ended = cases.close(caseId);
      if (ended != null) {
        minute.countEndedCase(ended);
      }
    }
    ChannelAvailability availability = availabilityState.value();
    if (availability == null) {
      availability = new ChannelAvailability();
    }
    availability.update(minute);
    availabilityState.update(availability);
    CatalogFigures figures = catalogFigures.value();
    if (figures == null) {
      figures = new CatalogFigures();
    }
    Scores scores = Scores.compute(availability, figures, settings);
    EsDocument document =
        IndicatorDocuments.minuteDocument(region, windowStart, minute, figures, openIncidents.countsByKind(), scores);
    out.collect(document);
    List<String> incidentIds = openIncidents.ids();
    ctx.output(
        REGION_SNAPSHOTS,
        new RegionSnapshot(region, windowStart, scores.overall(), incidentIds.toArray(new String[0]), document.source()));
    long windowEnd = windowStart + Windows.SIZE_MILLIS;
    if (windowEnd % CASE_SWEEP_INTERVAL.toMillis() == 0) {
      cases.expire(windowEnd);
    }
  }

  /** A {@link KeyValueStore} on keyed {@code MapState}, for the current key. */
  static final class MapStateStore<K, V> implements KeyValueStore<K, V> {
    private final MapState<K, V> state;

    MapStateStore(MapState<K, V> state) {
      this.state = state;
    }

    @Override
    public V get(K key) {
      try {
        return state.get(key);
      } catch (Exception e) {
        throw new IllegalStateException("reading keyed state failed", e);
      }
    }

    @Override
    public void put(K key, V value) {
      try {
        state.put(key, value);
      } catch (Exception e) {
        throw new IllegalStateException("writing keyed state failed", e);
      }
    }

    @Override
    public void remove(K key) {
      try {
        state.remove(key);
      } catch (Exception e) {
        throw new IllegalStateException("writing keyed state failed", e);
      }
    }

    @Override
    public List<K> keys() {
      try {
        List<K> keys = new ArrayList<>();
        for (K key : state.keys()) {
          keys.add(key);
        }
        return keys;
      } catch (Exception e) {
        throw new IllegalStateException("reading keyed state failed", e);
      }
    }
  }
}
