package org.channelwatch.connectors.kafka;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Builds the Kafka sinks of ChannelWatch's outputs (dead letters, alerts). */
public final class KafkaSinks {
  private KafkaSinks() {}

  /**
   * At least once: every record is delivered, and one may repeat after a restart. Each record
   * carries a deterministic key, so a consumer can tell a repeat from a new record.
   */
  public static <T> KafkaSink<T> atLeastOnce(KafkaSettings kafka, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(kafka.properties())
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
