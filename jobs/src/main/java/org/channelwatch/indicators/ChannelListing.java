package org.channelwatch.indicators;

import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.domain.EventType;
import org.channelwatch.domain.Guide;

/**
 * What one channel currently shows of one item: the publication or withdrawal in force, and the
 * highest revision it has applied.
 *
 * <p>A Flink POJO. Only the key facts of the guide are kept (in {@link #keyFacts}), plus how many of
 * the twelve standard elements were present, which is all the indicators need.
 */
public class ChannelListing {
  public boolean published;
  /** The item's name while published, else null. */
  public String itemName;
  /** 1..4 while published, else 0. */
  public int depth;
  /** The revision of the event in force; null when it had none. */
  public Long revision;
  /** The highest revision this channel ever applied for the item: a lower one is stale. */
  public Long highestRevision;
  /** Event time of the event in force, epoch millis. */
  public long appliedAt;
  /** Standard guide elements present in the publication in force, 0..12. */
  public int presentElements;
  public boolean unifiedAuth;
  public boolean eLicense;
  public boolean onlinePayment;
  /** The key facts of the publication in force (the other guide elements null); null when withdrawn. */
  public Guide keyFacts;

  // Not state: computed when first compared, for the life of this object (one change of the item).
  private transient KeyFacts.Normalised normalised;

  public ChannelListing() {}

  /**
   * Whether an event with this revision and time replaces the one in force: "applied in revision
   * order, then time order" (contract 2).
   *
   * <p>Revisions compare only with revisions. A revision lower than the highest applied is stale; a
   * higher one wins whatever its time. Otherwise (equal revisions, or a side without one) the later
   * event time wins, and on equal times the event processed later. This is the state that applying
   * all events sorted by (revision, time) would leave.
   */
  public boolean isReplacedBy(Long eventRevision, long eventTime) {
    if (eventRevision != null && highestRevision != null) {
      int order = Long.compare(eventRevision, highestRevision);
      if (order != 0) {
        return order > 0;
      }
    }
    return eventTime >= appliedAt;
  }

  /** Puts a publication or withdrawal in force; the caller has checked {@link #isReplacedBy}. */
  public void apply(ChannelEvent event) {
    normalised = null;
    published = event.type == EventType.CATALOG_ITEM_PUBLISHED;
    revision = event.revision;
    if (event.revision != null && (highestRevision == null || event.revision > highestRevision)) {
      highestRevision = event.revision;
    }
    appliedAt = event.time;
    if (published) {
      itemName = event.itemName;
      depth = event.depth;
      unifiedAuth = event.unifiedAuth;
      eLicense = event.eLicense;
      onlinePayment = event.onlinePayment;
      // completeness() is present / 12, so this recovers the whole number exactly.
      presentElements = (int) Math.round(event.guide.completeness() * Guide.STANDARD_ELEMENTS);
      keyFacts = KeyFacts.keyFactsOf(event.guide);
    } else {
      // Nothing of an earlier publication survives a withdrawal, so that the state depends only on
      // the event in force and never on the order in which superseded events arrived.
      itemName = null;
      depth = 0;
      unifiedAuth = false;
      eLicense = false;
      onlinePayment = false;
      presentElements = 0;
      keyFacts = null;
    }
  }

  /** The key facts in force as they are compared; only while published. */
  public KeyFacts.Normalised normalisedKeyFacts() {
    if (normalised == null) {
      normalised = KeyFacts.Normalised.of(keyFacts);
    }
    return normalised;
  }

  /** Present elements / 12 while published, else null. */
  public Double completeness() {
    return published ? presentElements / (double) Guide.STANDARD_ELEMENTS : null;
  }
}
