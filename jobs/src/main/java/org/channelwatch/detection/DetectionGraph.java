package org.channelwatch.detection;

import java.util.EnumSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Incident;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.minutes.ChannelMinutes;
import org.channelwatch.state.WriteBackKeyedProcessOperator;

/**
 * The detection part of the job graph: the six incident rules of contract 3 as keyed operators.
 *
 * <p>Every operator has a stable uid, so a checkpoint or savepoint restores into later versions;
 * all keyed state is declared in {@link StateDescriptors}, so its layout can be read in one place.
 */
public final class DetectionGraph {

  /** Operator uids: changing one orphans its state in existing checkpoints. */
  public static final class Uids {
    public static final String ACCESS_MINUTES = "detection-access-minutes";
    public static final String AVAILABILITY = "detection-availability";
    public static final String SILENCE = "detection-channel-silence";
    public static final String CATALOG_EVENTS = "detection-catalog-events";
    public static final String GUIDES = "detection-guide-consistency";
    public static final String CASE_EVENTS = "detection-case-events";
    public static final String CASES = "detection-case-lifecycle";
    public static final String RESUBMISSIONS = "detection-offline-resubmission";

    private Uids() {}
  }

  private DetectionGraph() {}

  /**
   * Adds the detection operators, with summaries of the events' channel minutes of their own, and
   * returns every incident change they emit.
   *
   * @param events valid, de-duplicated events with event-time timestamps and watermarks assigned
   */
  public static DataStream<Incident> build(DataStream<ChannelEvent> events, DetectionSettings settings) {
    return build(events, ChannelMinutes.summarise(events), settings);
  }

  /**
   * Adds the detection operators and returns every incident change they emit.
   *
   * @param events valid, de-duplicated events with event-time timestamps and watermarks assigned
   * @param channelMinutes the summaries of {@code events} ({@link ChannelMinutes#summarise}), for the
   *     rules that judge whole minutes of a channel: availability and silence
   */
  public static DataStream<Incident> build(
      DataStream<ChannelEvent> events, DataStream<ChannelMinute> channelMinutes, DetectionSettings settings) {
    SingleOutputStreamOperator<Incident> availability =
        channelMinutes
            .filter(new WithAccess())
            .uid(Uids.ACCESS_MINUTES)
            .name("detection: access minutes")
            .keyBy(new DetectionKeys.ByRegionAndChannel())
            .transform(
                "detect service and item unavailable",
                TypeInformation.of(Incident.class),
                new WriteBackKeyedProcessOperator<>(new AccessAvailabilityFunction(settings)))
            .uid(Uids.AVAILABILITY);

    SingleOutputStreamOperator<Incident> silence =
        // Every summary is of activity: catalog events are state, not traffic, and are not summarised.
        channelMinutes
            .keyBy(new DetectionKeys.ByRegionAndChannel())
            .transform(
                "detect silent channels",
                TypeInformation.of(Incident.class),
                new WriteBackKeyedProcessOperator<>(new ChannelSilenceFunction(settings)))
            .uid(Uids.SILENCE);

    SingleOutputStreamOperator<Incident> guides =
        events
            .filter(new OfTypes(EnumSet.of(EventType.CATALOG_ITEM_PUBLISHED, EventType.CATALOG_ITEM_WITHDRAWN)))
            .uid(Uids.CATALOG_EVENTS)
            .name("detection: catalog events")
            .keyBy(new DetectionKeys.ByRegionAndItem())
            .transform(
                "detect inconsistent guides",
                TypeInformation.of(Incident.class),
                new WriteBackKeyedProcessOperator<>(new GuideConsistencyFunction(settings)))
            .uid(Uids.GUIDES);

    SingleOutputStreamOperator<Incident> cases =
        events
            .filter(new OfTypes(EnumSet.of(EventType.CASE_SUBMITTED, EventType.CASE_STATUS)))
            .uid(Uids.CASE_EVENTS)
            .name("detection: case events")
            .keyBy(new DetectionKeys.ByRegionAndCase())
            .transform(
                "detect unsynced case status",
                TypeInformation.of(Incident.class),
                new WriteBackKeyedProcessOperator<>(new CaseLifecycleFunction(settings)))
            .uid(Uids.CASES);

    SingleOutputStreamOperator<Incident> resubmissions =
        cases
            .getSideOutput(CaseLifecycleFunction.CASE_FACTS)
            .keyBy(new DetectionKeys.ByRegionApplicantAndItem())
            .transform(
                "detect offline resubmissions",
                TypeInformation.of(Incident.class),
                new WriteBackKeyedProcessOperator<>(new OfflineResubmissionFunction(settings)))
            .uid(Uids.RESUBMISSIONS);

    return availability.union(silence, guides, cases, resubmissions);
  }

  /** Keeps the events of some types. */
  static final class OfTypes implements FilterFunction<ChannelEvent> {
    private static final long serialVersionUID = 1L;
    private final Set<EventType> types;

    OfTypes(EnumSet<EventType> types) {
      this.types = types;
    }

    @Override
    public boolean filter(ChannelEvent event) {
      return types.contains(event.type);
    }
  }

  /** Keeps the summaries that count access events. */
  static final class WithAccess implements FilterFunction<ChannelMinute> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean filter(ChannelMinute minute) {
      return minute.hasAccess();
    }
  }

  /**
   * Every piece of keyed state detection keeps. State names and types are part of the checkpoint
   * format: change them only with a migration.
   *
   * <p>Values are POJOs or Flink's own types, never Java collections, so nothing falls back to
   * Kryo. Incidents that may never resolve live in state with a processing-time TTL
   * ({@link DetectionSettings#stateTtl()}); everything else is cleared by event-time timers.
   */
  static final class StateDescriptors {
    private StateDescriptors() {}

    // service_unavailable and item_unavailable, keyed by region:channel.

    /** Access tallies of the channel's open minutes, by minute start. */
    static MapStateDescriptor<Long, AccessTally> channelMinutes() {
      return new MapStateDescriptor<>("channel-minutes", Long.class, AccessTally.class);
    }

    /** Access tallies of the channel's items in open minutes, by {@link #itemMinuteKey}. */
    static MapStateDescriptor<String, AccessTally> itemMinutes() {
      return new MapStateDescriptor<>("item-minutes", String.class, AccessTally.class);
    }

    static String itemMinuteKey(long minuteStart, String itemCode) {
      return minuteStart + "/" + itemCode;
    }

    static ValueStateDescriptor<Incident> openServiceOutage(DetectionSettings settings) {
      return withTtl(new ValueStateDescriptor<>("open-service-outage", Incident.class), settings);
    }

    /** Open item outages, by item code. */
    static MapStateDescriptor<String, Incident> openItemOutages(DetectionSettings settings) {
      return withTtl(new MapStateDescriptor<>("open-item-outages", String.class, Incident.class), settings);
    }

    // channel_silent, keyed by region:channel.

    static ValueStateDescriptor<ChannelActivity> channelActivity(DetectionSettings settings) {
      return withTtl(new ValueStateDescriptor<>("channel-activity", ChannelActivity.class), settings);
    }

    /** First and last event time of the channel's open minutes, by minute start. */
    static MapStateDescriptor<Long, MinuteSpan> activeMinutes() {
      return new MapStateDescriptor<>("active-minutes", Long.class, MinuteSpan.class);
    }

    // guide_inconsistent, keyed by region:itemCode. No TTL: the catalog is state, not history.

    /** What each channel shows of the item, by channel wire name. */
    static MapStateDescriptor<String, ChannelPublication> publications() {
      return new MapStateDescriptor<>("publications", String.class, ChannelPublication.class);
    }

    static ValueStateDescriptor<GuideWatch> guideWatch() {
      return new ValueStateDescriptor<>("guide-watch", GuideWatch.class);
    }

    // status_not_synced, keyed by region:caseId.

    static ValueStateDescriptor<CaseRecord> caseRecord(DetectionSettings settings) {
      return withTtl(new ValueStateDescriptor<>("case-record", CaseRecord.class), settings);
    }

    // offline_resubmission, keyed by region:applicantId:itemCode.

    static ValueStateDescriptor<ApplicantItemCases> applicantItemCases(DetectionSettings settings) {
      return withTtl(new ValueStateDescriptor<>("applicant-item-cases", ApplicantItemCases.class), settings);
    }

    private static <D extends StateDescriptor<?, ?>> D withTtl(D descriptor, DetectionSettings settings) {
      descriptor.enableTimeToLive(
          StateTtlConfig.newBuilder(settings.stateTtl())
              .updateTtlOnCreateAndWrite()
              .neverReturnExpired()
              .build());
      return descriptor;
    }
  }
}
