package org.channelwatch.job;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.intake.DeadLetter;
import org.channelwatch.intake.DeadLetterDocuments;
import org.channelwatch.intake.IntakeRecord;
import org.channelwatch.intake.RejectReason;
import org.channelwatch.indicators.Windows;

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
    static final String REGION_MINUTES = "region-minute-indicators";
    static final String DOCUMENT_SINK = "elasticsearch-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private Uids() {}
  }

  private static final OutputTag<ChannelEvent> LATE_FOR_WINDOW = new OutputTag<>("late-for-window") {};

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

    SingleOutputStreamOperator<EsDocument> indicators =
        events
            // Catalog events are state, not activity: they never make a window late or early.
            .filter(event -> !event.type.isCatalog())
            .name("activity events")
            .keyBy(event -> event.region)
            .window(TumblingEventTimeWindows.of(Duration.ofMillis(Windows.SIZE_MILLIS)))
            .sideOutputLateData(LATE_FOR_WINDOW)
            .aggregate(new RegionMinuteAggregate(), new IndicatorWindowFunction())
            .uid(Uids.REGION_MINUTES)
            .name("indicators per region and minute");

    DataStream<DeadLetter> deadLetters =
        intake
            .getSideOutput(SplitIntake.DEAD_LETTERS)
            .union(indicators.getSideOutput(LATE_FOR_WINDOW).map(ChannelWatchJob::lateForWindow).name("late for window"));

    indicators
        .union(deadLetters.map(DeadLetterDocuments::document).name("dead-letter documents"))
        .sinkTo(documentSink)
        .uid(Uids.DOCUMENT_SINK)
        .name("Elasticsearch");

    if (deadLetterTopic != null) {
      deadLetters.sinkTo(deadLetterTopic).uid(Uids.DEAD_LETTER_SINK).name("dead-letter topic");
    }
  }

  /**
   * An event the intake split accepted but the window operator found late. This cannot happen
   * while the split runs chained to the source, since a window's watermark never runs ahead of the
   * split's; the path exists so that, should it ever happen, the event is still not lost. Its raw
   * value is gone by now, so the excerpt is the envelope we know, and the dead letter is named by
   * the event's source and id rather than a Kafka offset.
   */
  private static DeadLetter lateForWindow(ChannelEvent event) {
    DeadLetter letter = new DeadLetter();
    letter.reason = RejectReason.LATE.wireName();
    letter.detail = "time " + java.time.Instant.ofEpochMilli(event.time) + " arrived after its window was emitted";
    letter.receivedAt = event.time;
    letter.topic = "window:" + event.source + ":" + event.id;
    letter.partition = -1;
    letter.offset = -1;
    letter.excerpt = "{\"id\":\"" + event.id + "\",\"source\":\"" + event.source + "\",\"type\":\"" + event.type + "\"}";
    return letter;
  }
}
