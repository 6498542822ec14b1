package org.channelwatch.indicators;

import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.Incident;

/**
 * A catalog event or incident change ahead of the watermark, waiting for event time to reach it, so
 * that a minute's document shows the state at the minute's end.
 *
 * <p>A Flink POJO; exactly one of the two fields is set.
 */
public class PendingChange {
  public ChannelEvent catalogEvent;
  public Incident incidentChange;

  public PendingChange() {}

  public static PendingChange of(ChannelEvent catalogEvent) {
    PendingChange change = new PendingChange();
    change.catalogEvent = catalogEvent;
    return change;
  }

  public static PendingChange of(Incident incidentChange) {
    PendingChange change = new PendingChange();
    change.incidentChange = incidentChange;
    return change;
  }
}
