package org.channelwatch.detection;

import java.time.Clock;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.channelwatch.domain.Incident;

/**
 * The incident document as JSON, for sinks that take a {@link SerializationSchema} such as the
 * webhook sink; its {@code id} and {@code status} make the webhook's {@code Idempotency-Key}.
 */
public final class IncidentJsonSchema implements SerializationSchema<Incident> {
  private static final long serialVersionUID = 1L;

  private final Clock clock;

  public IncidentJsonSchema() {
    this(Clock.systemUTC());
  }

  /** @param clock gives {@code detectedAt}; fixed in tests */
  public IncidentJsonSchema(Clock clock) {
    this.clock = clock;
  }

  @Override
  public byte[] serialize(Incident incident) {
    return IncidentDocuments.json(incident, clock.instant());
  }
}
