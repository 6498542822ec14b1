package org.channelwatch.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;
import org.channelwatch.indicators.Windows;

/**
 * Detects {@code channel_silent}: a channel that has sent events sends none for a while.
 *
 * <p>Immutable; fed closed minutes in time order. It decides only once the minute holding the
 * deadline ({@code last event + silenceAfter}) has closed: then every event up to the deadline is
 * known, so the same events give the same incidents however they were interleaved on arrival.
 */
public final class SilenceRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long silenceAfterMillis;

  public SilenceRule(Duration silenceAfter) {
    this.silenceAfterMillis = silenceAfter.toMillis();
  }

  /**
   * Applies the events of one closed minute of the channel, given by the first and last event
   * time in it.
   */
  public List<Incident> onMinute(
      String region, Channel channel, ChannelActivity activity, long firstEventAt, long lastEventAt) {
    List<Incident> changes = new ArrayList<>();
    if (activity.silence != null) {
      changes.add(Incidents.resolved(activity.silence, firstEventAt));
      activity.silence = null;
    } else if (activity.lastEventAt != null && silentBetween(activity.lastEventAt, firstEventAt)) {
      // The deadline fell in this same minute, before its first event: the silence happened and
      // is already over by the time we may decide.
      Incident silence = open(region, channel, activity.lastEventAt);
      changes.add(silence);
      changes.add(Incidents.resolved(silence, firstEventAt));
    }
    activity.lastEventAt =
        activity.lastEventAt == null ? lastEventAt : Math.max(activity.lastEventAt, lastEventAt);
    return changes;
  }

  /**
   * Opens the channel's silence if its deadline has passed at event time {@code now}; null when
   * nothing opens.
   *
   * @param endOfInput true when {@code now} comes from the end of a bounded input rather than from
   *     time passing, which proves no silence
   */
  public Incident onTime(String region, Channel channel, ChannelActivity activity, long now, boolean endOfInput) {
    if (endOfInput || activity.silence != null || activity.lastEventAt == null || now < decideAt(activity)) {
      return null;
    }
    activity.silence = open(region, channel, activity.lastEventAt);
    return Incidents.copy(activity.silence);
  }

  /**
   * When the silence after the channel's last event can be decided: the end of the minute holding
   * the deadline. Null when there is nothing to decide.
   */
  public Long decideAt(ChannelActivity activity) {
    if (activity.lastEventAt == null || activity.silence != null) {
      return null;
    }
    return Windows.startOf(activity.lastEventAt + silenceAfterMillis) + Windows.SIZE_MILLIS - 1;
  }

  /** Silent means no event for more than the threshold: an event exactly at it breaks the silence. */
  boolean silentBetween(long lastEventAt, long nextEventAt) {
    return nextEventAt - lastEventAt > silenceAfterMillis;
  }

  private Incident open(String region, Channel channel, long lastEventAt) {
    ObjectNode details = Incidents.details();
    details.put("lastEventAt", Instant.ofEpochMilli(lastEventAt).toString());
    details.put("silentForMinutes", silenceAfterMillis / 60_000.0);
    return Incidents.opened(
        IncidentKind.CHANNEL_SILENT, region, channel, null, null, null, lastEventAt + silenceAfterMillis, details);
  }
}
