package org.channelwatch.detection;

import org.channelwatch.domain.Incident;

/**
 * The open unavailability incidents of one region and channel: the channel's own, and its items'.
 *
 * <p>The Flink operator backs it with keyed state; tests back it with maps.
 */
public interface OutageLedger {
  /** The open {@code service_unavailable}, or null. */
  Incident service();

  /** Records the open {@code service_unavailable}; null when none is open any more. */
  void setService(Incident open);

  /** The open {@code item_unavailable} of the item, or null. */
  Incident item(String itemCode);

  /** Records the item's open {@code item_unavailable}; null when none is open any more. */
  void setItem(String itemCode, Incident open);
}
