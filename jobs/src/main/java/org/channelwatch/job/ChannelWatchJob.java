package org.channelwatch.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;
import org.channelwatch.indicators.IndicatorGraph;
import org.apache.flink.util.Collector;
import org.channelwatch.intake.DeadLetter;
import org.channelwatch.intake.DeadLetterDocuments;
import org.channelwatch.intake.IntakeRecord;

/**
 * The ChannelWatch job graph: intake, per-region indicators and dead letters.
 *
 * <p>It takes its source and sinks as parameters, so that tests run the real graph on bounded
 * input and {@code main} wires in Kafka and Elasticsearch. Every stateful operator has a stable
 * uid, so a checkpoint or savepoint can be restored into later versions of the job.
 */
public final class ChannelWatchJob {

  /** Operator uids: changing one orphans its state in existing checkpoints. */
  static final class Uids {
    static final String SOURCE = "channelwatch-events-source";
    static final String SPLIT = "intake-split";
    static final String DEDUPLICATE = "deduplicate-events";
    static final String DOCUMENT_SINK = "elasticsearch-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private Uids() {}
  }

  private final Source<IntakeRecord, ?, ?> source;
  private final Sink<EsDocument> documentSink;
  private final Sink<DeadLetter> deadLetterTopic;
  private final JobSettings settings;

  /**
   * @param deadLetterTopic where dead letters go besides the dead-letter index; null for none
   */
  public ChannelWatchJob(
      Source<IntakeRecord, ?, ?> source,
      Sink<EsDocument> documentSink,
      Sink<DeadLetter> deadLetterTopic,
      JobSettings settings) {
    this.source = source;
    this.documentSink = documentSink;
    this.deadLetterTopic = deadLetterTopic;
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
            .process(new DeduplicateEvents(settings.dedupSpan()))
            .uid(Uids.DEDUPLICATE)
            .name("drop repeated deliveries");

    // Until detection is wired in, no incident changes; a stream derived from events carries
    // the watermarks the indicators wait for.
    DataStream<Incident> incidentChanges =
        events.flatMap((ChannelEvent event, Collector<Incident> out) -> {}).returns(Incident.class).name("no incidents yet");
    DataStream<EsDocument> indicators = IndicatorGraph.build(events, incidentChanges, settings.indicators());

    DataStream<DeadLetter> deadLetters = intake.getSideOutput(SplitIntake.DEAD_LETTERS);

    indicators
        .union(deadLetters.map(DeadLetterDocuments::document).name("dead-letter documents"))
        .sinkTo(documentSink)
        .uid(Uids.DOCUMENT_SINK)
        .name("Elasticsearch");

    if (deadLetterTopic != null) {
      deadLetters.sinkTo(deadLetterTopic).uid(Uids.DEAD_LETTER_SINK).name("dead-letter topic");
    }
  }
}
