package org.channelwatch.detection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.channelwatch.domain.Incident;

/**
 * Writes each incident change to the alerts topic ({@code channelwatch.alerts}): key = incident
 * id, value = the incident document as JSON.
 *
 * <p>The record has no timestamp of its own, so the broker stamps it when written: an alert
 * replayed from old events would otherwise be deleted at once by the topic's time retention.
 */
public final class IncidentAlertSerializer implements KafkaRecordSerializationSchema<Incident> {
  private static final long serialVersionUID = 1L;

  private final String topic;
  private final Clock clock;

  public IncidentAlertSerializer(String topic) {
    this(topic, Clock.systemUTC());
  }

  /** @param clock gives {@code detectedAt}; fixed in tests */
  public IncidentAlertSerializer(String topic, Clock clock) {
    this.topic = topic;
    this.clock = clock;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Incident incident, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(
        topic,
        null,
        null,
        incident.id().getBytes(StandardCharsets.UTF_8),
        IncidentDocuments.json(incident, clock.instant()));
  }
}
