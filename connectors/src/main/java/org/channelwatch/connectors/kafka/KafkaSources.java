package org.channelwatch.connectors.kafka;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Builds the Kafka source that ChannelWatch jobs read their events from. */
public final class KafkaSources {
  private KafkaSources() {}

  /**
   * An unbounded source of {@code topic} that starts from the group's committed offsets, or from
   * the earliest record when the group has none: a fresh deployment reads what is already there.
   * Offsets are committed on checkpoints; a restore from a checkpoint uses the checkpoint's.
   */
  public static <T> KafkaSource<T> source(
      KafkaSettings kafka, String topic, String groupId, KafkaRecordDeserializationSchema<T> deserializer) {
    return KafkaSource.<T>builder()
        .setProperties(kafka.properties())
        .setBootstrapServers(kafka.bootstrapServers())
        .setTopics(topic)
        .setGroupId(groupId)
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(deserializer)
        // Pick up partitions added while running.
        .setProperty("partition.discovery.interval.ms", "60000")
        .build();
  }
}
