package org.channelwatch.job;

import org.channelwatch.connectors.elasticsearch.SinkMetrics;

/** Names of the job's own metrics, shared by the operators and whatever reads the metrics. */
public final class Metrics {
  public static final String EVENTS_ACCEPTED = "channelwatchEventsAccepted";
  /** Dead letters are counted in a group {@code deadLetterReason=<reason>}. */
  public static final String DEAD_LETTERS_GROUP = SinkMetrics.DEAD_LETTERS_GROUP;
  /** Also counted by the Elasticsearch sink, for reason {@code rejected_by_sink}. */
  public static final String DEAD_LETTERS = SinkMetrics.DEAD_LETTERS;
  /** Repeat deliveries of an event already counted, dropped (valid, so not dead letters). */
  public static final String DUPLICATES = "channelwatchDuplicates";
  /** Event ids remembered now to recognise repeats, per subtask. */
  public static final String REMEMBERED_EVENT_IDS = "channelwatchRememberedEventIds";

  private Metrics() {}
}
