package org.channelwatch.detection;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;

/**
 * Applies catalog events by the revision rule and detects {@code guide_inconsistent}: the
 * channels publishing an item disagree on a key fact for longer than the grace period.
 *
 * <p>Immutable. Catalog events are applied in the order they arrive: they are never late, and
 * their times say nothing about when the watermark passed.
 */
public final class GuideConsistencyRule implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long graceMillis;

  public GuideConsistencyRule(Duration inconsistencyGrace) {
    this.graceMillis = inconsistencyGrace.toMillis();
  }

  /**
   * A publication or withdrawal is stale when its revision is below the highest revision already
   * applied for its region, channel and item; an equal revision or none is applied.
   */
  public static boolean isStale(ChannelPublication current, Long revision) {
    return current != null && current.revision != null && revision != null && revision < current.revision;
  }

  /** The channel's publication after applying a catalog event that is not stale. */
  public static ChannelPublication apply(ChannelPublication current, ChannelEvent catalogEvent) {
    ChannelPublication next = new ChannelPublication();
    next.published = catalogEvent.type == EventType.CATALOG_ITEM_PUBLISHED;
    next.facts = next.published ? NormalisedKeyFacts.of(catalogEvent.guide) : null;
    next.revision = highest(current == null ? null : current.revision, catalogEvent.revision);
    return next;
  }

  private static Long highest(Long applied, Long revision) {
    if (applied == null) {
      return revision;
    }
    return revision == null ? applied : Long.valueOf(Math.max(applied, revision));
  }

  /**
   * Updates the item's watch after a catalog change at event time {@code eventTime}; returns the
   * changes and the watch to keep (null when the item is consistent).
   */
  public Outcome afterChange(
      String region, String itemCode, GuideWatch watch, GuideComparison now, long eventTime) {
    if (!now.consistent()) {
      GuideWatch next = watch;
      if (next == null) {
        next = new GuideWatch();
        next.inconsistentSince = eventTime;
      }
      next.latestDetailsJson = Incidents.json(now.details());
      return new Outcome(next, List.of());
    }
    if (watch == null) {
      return new Outcome(null, List.of());
    }
    List<Incident> changes = new ArrayList<>();
    Incident incident = watch.incident;
    if (incident == null && eventTime - watch.inconsistentSince >= graceMillis) {
      // The grace ran out in event time before the watermark told us: the incident happened.
      incident = open(region, itemCode, watch);
      changes.add(incident);
    }
    if (incident != null) {
      changes.add(Incidents.resolved(incident, eventTime));
    }
    return new Outcome(null, changes);
  }

  /**
   * Opens the item's incident once the watermark {@code now} is a grace period past the start of
   * its inconsistency; null when nothing opens.
   *
   * @param endOfInput true when {@code now} comes from the end of a bounded input rather than from
   *     time passing
   */
  public Incident onTime(String region, String itemCode, GuideWatch watch, long now, boolean endOfInput) {
    if (endOfInput || watch == null || watch.incident != null || now < openAt(watch)) {
      return null;
    }
    watch.incident = open(region, itemCode, watch);
    return Incidents.copy(watch.incident);
  }

  /** The event time at which the watch's inconsistency becomes an incident. */
  public long openAt(GuideWatch watch) {
    return watch.inconsistentSince + graceMillis;
  }

  private static Incident open(String region, String itemCode, GuideWatch watch) {
    Incident incident =
        Incidents.opened(IncidentKind.GUIDE_INCONSISTENT, region, null, itemCode, null, null, watch.inconsistentSince, null);
    incident.detailsJson = watch.latestDetailsJson;
    return incident;
  }

  /** The changes to emit, and what to keep watching (null for nothing). */
  public record Outcome(GuideWatch watch, List<Incident> changes) {}
}
