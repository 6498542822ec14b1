package org.channelwatch.detection;

import java.time.Clock;
import org.apache.flink.api.common.functions.MapFunction;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.channelwatch.domain.Incident;

/** Turns each incident change into its Elasticsearch document, stamped with the time of writing. */
public final class IncidentDocumentFunction implements MapFunction<Incident, EsDocument> {
  private static final long serialVersionUID = 1L;

  private final Clock clock;

  public IncidentDocumentFunction() {
    this(Clock.systemUTC());
  }

  /** @param clock gives {@code detectedAt}; fixed in tests */
  public IncidentDocumentFunction(Clock clock) {
    this.clock = clock;
  }

  @Override
  public EsDocument map(Incident incident) {
    return IncidentDocuments.document(incident, clock.instant());
  }
}
