package org.channelwatch.detection;

import org.channelwatch.domain.Incident;

/**
 * An item whose channels disagree now: since when, and its incident once the grace has passed.
 *
 * <p>A Flink POJO kept in state; it exists only while the item is inconsistent.
 */
public class GuideWatch {
  /** Time of the catalog event that made the item inconsistent. */
  public long inconsistentSince;
  /** Details of the latest inconsistent state, for an incident that opens only when it ends. */
  public String latestDetailsJson;
  /** The open {@code guide_inconsistent}; null during the grace period. */
  public Incident incident;

  public GuideWatch() {}
}
