package org.channelwatch.indicators;

import java.util.Comparator;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Incident;

/**
 * An event or incident change ahead of the watermark, waiting for event time to reach it: catalog
 * events, so that a minute's document shows the state at the minute's end; case events, so that
 * they apply in event-time order.
 *
 * <p>A Flink POJO; exactly one of the two fields is set.
 */
public class PendingChange {
  /**
   * The order of changes due at the same event time, so that it does not depend on the order in
   * which parallel subtasks delivered them: events before incident changes (the two touch different
   * state), incident changes in arrival order. Events by type (a submission before a visit at the
   * same instant, so the visit can link to it; a visit before a terminal report, so a visit at the
   * moment of completion counts), then channel, source and id.
   */
  static final Comparator<PendingChange> SAME_TIME_ORDER =
      (a, b) -> a.event == null || b.event == null
          ? Boolean.compare(a.event == null, b.event == null)
          : eventOrder().compare(a.event, b.event);

  public ChannelEvent event;
  public Incident incidentChange;

  public PendingChange() {}

  public static PendingChange of(ChannelEvent event) {
    PendingChange change = new PendingChange();
    change.event = event;
    return change;
  }

  public static PendingChange of(Incident incidentChange) {
    PendingChange change = new PendingChange();
    change.incidentChange = incidentChange;
    return change;
  }

  private static Comparator<ChannelEvent> eventOrder() {
    return Comparator.comparingInt((ChannelEvent e) -> typeRank(e.type))
        .thenComparing(e -> e.channel)
        .thenComparing(e -> e.source)
        .thenComparing(e -> e.id);
  }

  private static int typeRank(EventType type) {
    return switch (type) {
      case CASE_SUBMITTED -> 0;
      case HALL_VISIT -> 1;
      case CASE_STATUS -> 2;
      default -> 3;
    };
  }
}
