package org.channelwatch.intake;

/**
 * Why a record became a dead letter (contract 1.4). A record with several defects gets the first
 * reason in the contract's order, which is the order checks run in {@link EventParser}.
 */
public enum RejectReason {
  TOO_LARGE,
  MALFORMED_JSON,
  SCHEMA,
  UNKNOWN_TYPE,
  UNKNOWN_REGION,
  UNKNOWN_CHANNEL,
  BAD_TIME,
  PII,
  LATE,
  /**
   * Elasticsearch refused a document for good (a 4xx such as a mapping conflict). Given by the
   * sink, not the intake: {@code SinkDeadLetters} writes these dead letters.
   */
  REJECTED_BY_SINK;

  /** The name in dead-letter documents and metrics, such as {@code malformed_json}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
