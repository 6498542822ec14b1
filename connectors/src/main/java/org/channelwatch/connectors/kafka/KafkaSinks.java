package org.channelwatch.connectors.kafka;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Builds the Kafka sinks of ChannelWatch's outputs (dead letters, alerts). */
public final class KafkaSinks {
  private KafkaSinks() {}

  /**
   * At least once: every record is delivered, and one may repeat after a restart. Each record
   * carries a deterministic key, so a consumer can tell a repeat from a new record.
   */
  public static <T> KafkaSink<T> atLeastOnce(KafkaSettings kafka, KafkaRecordSerializationSchema<T> serializer) {
    Properties producer = kafka.properties();
    // Dead letters and alerts are a trickle, so one request at a time costs nothing. With five, the
    // fault tests' own producer twice met a first batch refused while a partition came back after
    // a broker kill, then rejected for good (OutOfOrderSequenceException) once later batches had
    // landed: for a sink, a failover minutes later. A setting given by the operator wins.
    producer.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(producer)
        .setBootstrapServers(kafka.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
