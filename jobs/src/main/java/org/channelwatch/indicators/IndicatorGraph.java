package org.channelwatch.indicators;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.minutes.ChannelMinutes;
import org.channelwatch.state.WriteBackKeyedCoProcessOperator;

/**
 * The indicator part of the job graph (contract 4): per-minute, regions and items documents.
 *
 * <p>Every stateful operator has a stable uid, so checkpoints and savepoints restore into later
 * versions of the job.
 */
public final class IndicatorGraph {

  /** Operator uids: changing one orphans its state in existing checkpoints. */
  public static final class Uids {
    public static final String REGION_INDICATORS = "indicators-per-region";
    public static final String REGION_RANKING = "indicators-region-ranking";

    private Uids() {}
  }

  private IndicatorGraph() {}

  /**
   * Adds the indicator operators, with summaries of the events' channel minutes of their own, and
   * returns the documents they write.
   *
   * @param events valid, de-duplicated events with event-time timestamps and watermarks; activity
   *     events behind the watermark already removed (catalog events may be behind it)
   * @param incidentChanges every opening and resolution of an incident; it must carry watermarks, as
   *     any stream derived from {@code events} does, since the indicators wait for both inputs' event
   *     time
   */
  public static DataStream<EsDocument> build(
      DataStream<ChannelEvent> events, DataStream<Incident> incidentChanges, IndicatorSettings settings) {
    return build(events, ChannelMinutes.summarise(events), incidentChanges, settings);
  }

  /**
   * Adds the indicator operators and returns the documents they write.
   *
   * @param events as above
   * @param channelMinutes the summaries of {@code events} ({@link ChannelMinutes#summarise}): the
   *     access and rating figures come from them, and those events themselves are left out
   * @param incidentChanges as above
   */
  public static DataStream<EsDocument> build(
      DataStream<ChannelEvent> events,
      DataStream<ChannelMinute> channelMinutes,
      DataStream<Incident> incidentChanges,
      IndicatorSettings settings) {
    DataStream<MinuteOrIncident> minutesAndIncidents =
        channelMinutes
            .map(new MinuteOrIncident.FromMinute())
            .name("indicators: channel minutes")
            .union(incidentChanges.map(new MinuteOrIncident.FromIncident()).name("indicators: incident changes"));
    SingleOutputStreamOperator<EsDocument> perRegion =
        events
            .filter(new NotSummarised())
            .name("indicators: events one by one")
            .keyBy(new EventRegion())
            .connect(minutesAndIncidents.keyBy(new InputRegion()))
            .transform(
                "indicators per region and minute",
                TypeInformation.of(EsDocument.class),
                new WriteBackKeyedCoProcessOperator<>(new RegionIndicatorFunction(settings)))
            .uid(Uids.REGION_INDICATORS);

    SingleOutputStreamOperator<EsDocument> regions =
        perRegion
            .getSideOutput(RegionIndicatorFunction.REGION_SNAPSHOTS)
            .transform("rank regions", TypeInformation.of(EsDocument.class), new RegionRankingOperator())
            .setParallelism(1)
            .setMaxParallelism(1)
            .uid(Uids.REGION_RANKING);

    return perRegion.union(regions);
  }

  /** Keys events by region. */
  static final class EventRegion implements KeySelector<ChannelEvent, String> {
    @Override
    public String getKey(ChannelEvent event) {
      return event.region;
    }
  }

  /** Keys summaries and incident changes by region. */
  static final class InputRegion implements KeySelector<MinuteOrIncident, String> {
    @Override
    public String getKey(MinuteOrIncident input) {
      return input.region();
    }
  }

  /** Keeps the events whose figures the channel minutes do not carry: catalog, cases and visits. */
  static final class NotSummarised implements FilterFunction<ChannelEvent> {
    @Override
    public boolean filter(ChannelEvent event) {
      return !RegionIndicatorFunction.isSummarised(event.type);
    }
  }
}
