package org.channelwatch.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.IndicatorGraph;
import org.channelwatch.detection.DetectionGraph;
import org.channelwatch.detection.IncidentDocumentFunction;
import org.channelwatch.intake.DeadLetter;
import org.channelwatch.intake.DeadLetterDocuments;
import org.channelwatch.intake.IntakeRecord;
import org.channelwatch.minutes.ChannelMinute;
import org.channelwatch.minutes.ChannelMinutes;

/**
 * The ChannelWatch job graph: intake, detection of incidents, indicators, and dead letters.
 *
 * <p>It takes its source and sinks as parameters, so that tests run the real graph on bounded
 * input and {@code main} wires in Kafka and Elasticsearch. Every stateful operator has a stable
 * uid, so a checkpoint or savepoint can be restored into later versions of the job.
 */
public final class ChannelWatchJob {

  /** Operator uids: changing one orphans its state in existing checkpoints. */
  public static final class Uids {
    public static final String SOURCE = "channelwatch-events-source";
    public static final String SPLIT = "intake-split";
    public static final String DEDUPLICATE = "deduplicate-events";
    public static final String DOCUMENT_SINK = "elasticsearch-sink";
    public static final String DEAD_LETTER_SINK = "dead-letter-sink";
    public static final String ALERT_SINK = "alert-topic-sink";
    public static final String WEBHOOK_SINK = "alert-webhook-sink";

    private Uids() {}
  }

  /**
   * Where the job's results go.
   *
   * @param documents every Elasticsearch document: indicators, regions, items, incidents, dead letters
   * @param deadLetterTopic dead letters besides their index; null for none
   * @param alertTopic every opening and resolution of an incident; null for none
   * @param webhook the same changes POSTed to a webhook; null for none
   */
  public record Sinks(
      Sink<EsDocument> documents, Sink<DeadLetter> deadLetterTopic, Sink<Incident> alertTopic, Sink<Incident> webhook) {}

  private final Source<IntakeRecord, ?, ?> source;
  private final Sinks sinks;
  private final JobSettings settings;

  public ChannelWatchJob(Source<IntakeRecord, ?, ?> source, Sinks sinks, JobSettings settings) {
    this.source = source;
    this.sinks = sinks;
    this.settings = settings;
  }

  /**
   * Entry point of the job jar under {@code flink run}: the same options as {@code channelwatch
   * run}. It does not exit the JVM, which on a cluster belongs to Flink.
   */
  public static void main(String[] args) {
    int status = new picocli.CommandLine(new org.channelwatch.cli.RunCommand()).execute(args);
    if (status != 0) {
      throw new IllegalArgumentException("ChannelWatch did not start (exit status " + status + "); see the message above");
    }
  }

  /** Adds the job's operators to {@code env}; call {@code env.execute} afterwards. */
  public void build(StreamExecutionEnvironment env) {
    // Locals, not fields, in the lambdas below: the job object itself is not serialisable.
    Duration outOfOrderness = settings.outOfOrderness();
    WatermarkStrategy<IntakeRecord> watermarks =
        WatermarkStrategy.<IntakeRecord>forGenerator(context -> new EventTimeWatermarks(outOfOrderness))
            .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTimeOrMin())
            .withIdleness(settings.idleness());

    SingleOutputStreamOperator<ChannelEvent> intake =
        env.fromSource(source, watermarks, "channel events")
            .uid(Uids.SOURCE)
            .process(new SplitIntake())
            .uid(Uids.SPLIT)
            .name("intake: validate, split dead letters");
    SingleOutputStreamOperator<ChannelEvent> events =
        intake
            .keyBy(ChannelEvent::dedupKey)
            .transform("drop repeated deliveries", TypeInformation.of(ChannelEvent.class), new DeduplicateEvents(settings.dedupSpan()))
            .uid(Uids.DEDUPLICATE);

    // Rules that judge whole minutes get each channel's minute summarised, not every event; summarising
    // is chained to deduplication, so the events that only count get no shuffle of their own.
    DataStream<ChannelMinute> channelMinutes = ChannelMinutes.summarise(events);
    DataStream<Incident> incidentChanges = DetectionGraph.build(events, channelMinutes, settings.detection());
    DataStream<EsDocument> indicators =
        IndicatorGraph.build(events, channelMinutes, incidentChanges, settings.indicators());
    DataStream<EsDocument> incidentDocuments =
        incidentChanges.map(new IncidentDocumentFunction()).name("incident documents");

    DataStream<DeadLetter> deadLetters = intake.getSideOutput(SplitIntake.DEAD_LETTERS);

    indicators
        .union(incidentDocuments, deadLetters.map(DeadLetterDocuments::document).name("dead-letter documents"))
        .sinkTo(sinks.documents())
        .uid(Uids.DOCUMENT_SINK)
        .name("Elasticsearch");

    if (sinks.deadLetterTopic() != null) {
      deadLetters.sinkTo(sinks.deadLetterTopic()).uid(Uids.DEAD_LETTER_SINK).name("dead-letter topic");
    }
    if (sinks.alertTopic() != null) {
      incidentChanges.sinkTo(sinks.alertTopic()).uid(Uids.ALERT_SINK).name("alerts topic");
    }
    if (sinks.webhook() != null) {
      incidentChanges.sinkTo(sinks.webhook()).uid(Uids.WEBHOOK_SINK).name("alert webhook");
    }
  }
}
