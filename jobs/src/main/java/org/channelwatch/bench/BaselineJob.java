package org.channelwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.kafka.KafkaSources;

/**
 * The benchmark's baseline: the least any job over the events topic does. It reads the topic with
 * the same Kafka source as ChannelWatch, parses each record's JSON in the source, keys by region and
 * counts per 1-minute tumbling event-time window, and discards the counts.
 */
final class BaselineJob {
  static final String NAME = "ChannelWatch baseline";
  static final String SOURCE = "baseline events";

  private BaselineJob() {}

  /** Adds the baseline's operators to {@code env}, reading {@code topic} from its start. */
  static void build(StreamExecutionEnvironment env, KafkaSettings kafka, String topic, String groupId, Duration outOfOrderness) {
    WatermarkStrategy<RegionTime> watermarks =
        WatermarkStrategy.<RegionTime>forBoundedOutOfOrderness(outOfOrderness)
            .withTimestampAssigner((event, kafkaTimestamp) -> event.time)
            .withIdleness(Duration.ofSeconds(60));
    env.fromSource(KafkaSources.source(kafka, topic, groupId, new ParseRegionAndTime()), watermarks, SOURCE)
        .uid("baseline-source")
        .keyBy(new ByRegion())
        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
        .aggregate(new Count())
        .uid("baseline-count")
        .name("count per region and minute")
        .sinkTo(new DiscardingSink<>())
        .uid("baseline-discard")
        .name("discard");
  }

  /** The region and event time of one event: all the baseline needs. A Flink POJO. */
  public static class RegionTime {
    public String region;
    public long time;

    public RegionTime() {}
  }

  /** Parses the whole record into a JSON tree, as any consumer must, and keeps region and time. */
  static final class ParseRegionAndTime implements KafkaRecordDeserializationSchema<RegionTime> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RegionTime> out) {
      try {
        JsonNode event = JSON.readTree(record.value());
        RegionTime parsed = new RegionTime();
        parsed.region = event.path("region").asText();
        parsed.time = OffsetDateTime.parse(event.path("time").asText()).toInstant().toEpochMilli();
        out.collect(parsed);
      } catch (IOException | DateTimeParseException | NullPointerException unreadable) {
        // Not an event: the baseline has no dead letters and skips it.
      }
    }

    @Override
    public TypeInformation<RegionTime> getProducedType() {
      return TypeInformation.of(RegionTime.class);
    }
  }

  static final class ByRegion implements KeySelector<RegionTime, String> {
    @Override
    public String getKey(RegionTime event) {
      return event.region;
    }
  }

  /** Counts incrementally, so the window keeps one long per region and minute. */
  static final class Count implements AggregateFunction<RegionTime, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long add(RegionTime event, Long count) {
      return count + 1;
    }

    @Override
    public Long getResult(Long count) {
      return count;
    }

    @Override
    public Long merge(Long a, Long b) {
      return a + b;
    }
  }
}
