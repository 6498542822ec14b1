package org.channelwatch.connectors.elasticsearch;

/** Names of the Elasticsearch sink's metrics, per writer subtask (docs/operations.md lists them). */
public final class SinkMetrics {
  /** Histogram of bulk request round trips in milliseconds, failed ones included. */
  public static final String BULK_LATENCY_MS = "channelwatchSinkBulkLatencyMs";
  /** Bulk requests sent and not answered yet (gauge). */
  public static final String IN_FLIGHT_REQUESTS = "channelwatchSinkInFlightRequests";
  /** Documents sent again after a transient failure (each attempt counts). */
  public static final String RETRIED_DOCUMENTS = "channelwatchSinkRetriedDocuments";
  /** Documents Elasticsearch refused for good; each becomes a rejected_by_sink dead letter. */
  public static final String REJECTED_DOCUMENTS = "channelwatchSinkRejectedDocuments";
  /** Dead letters Elasticsearch refused in turn: logged, counted and dropped, never looped. */
  public static final String LOST_DEAD_LETTERS = "channelwatchSinkLostDeadLetters";
  /**
   * The job-wide dead-letter counter, in a group {@code deadLetterReason=rejected_by_sink} here, as
   * the intake counts its own reasons.
   */
  public static final String DEAD_LETTERS = "channelwatchDeadLetters";
  public static final String DEAD_LETTERS_GROUP = "deadLetterReason";

  private SinkMetrics() {}
}
