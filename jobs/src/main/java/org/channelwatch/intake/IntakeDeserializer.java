package org.channelwatch.intake;

import java.time.Clock;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads Kafka records into {@link IntakeRecord}s. Bad input becomes a dead letter here instead of
 * an exception, because an exception in a source deserializer would fail the job.
 */
public final class IntakeDeserializer implements KafkaRecordDeserializationSchema<IntakeRecord> {
  private static final long serialVersionUID = 1L;

  private final Intake intake;

  public IntakeDeserializer(Clock clock) {
    this.intake = new Intake(clock);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<IntakeRecord> out) {
    out.collect(intake.read(record.topic(), record.partition(), record.offset(), record.timestamp(), record.value()));
  }

  @Override
  public TypeInformation<IntakeRecord> getProducedType() {
    return TypeInformation.of(IntakeRecord.class);
  }
}
