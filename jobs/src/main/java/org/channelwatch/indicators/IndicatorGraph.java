package org.channelwatch.indicators;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
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
   * Adds the indicator operators and returns the documents they write.
   *
   * @param events valid, de-duplicated events with event-time timestamps and watermarks; activity
   *     events behind the watermark already removed (catalog events may be behind it)
   * @param incidentChanges every opening and resolution of an incident; it must carry watermarks, as
   *     any stream derived from {@code events} does, since the indicators wait for both inputs' event
   *     time
   */
  public static DataStream<EsDocument> build(
      DataStream<ChannelEvent> events, DataStream<Incident> incidentChanges, IndicatorSettings settings) {
    SingleOutputStreamOperator<EsDocument> perRegion =
        events
            .keyBy(new EventRegion())
            .connect(incidentChanges.keyBy(new IncidentRegion()))
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

  /** Keys incident changes by region. */
  static final class IncidentRegion implements KeySelector<Incident, String> {
    @Override
    public String getKey(Incident incident) {
      return incident.region;
    }
  }
}
