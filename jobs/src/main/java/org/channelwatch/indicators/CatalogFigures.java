package org.channelwatch.indicators;

import org.apache.commons.math3.fraction.BigFraction;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Guide;

/**
 * The catalog figures of one region (contract 4.1), kept up to date one item change at a time.
 *
 * <p>A Flink POJO. Completeness is kept as whole counts of present elements, so that removing an
 * item's old contribution and adding its new one never drifts as floating-point sums would.
 */
public class CatalogFigures {
  /** Deepest online depth that exists (contract 1: 1..4). */
  public static final int MAX_DEPTH = 4;

  public long items;
  public long itemsOnline;
  public long itemsMultiChannel;
  public long itemsInconsistent;
  /** Items by their highest depth over online channels; index = depth, index 0 unused. */
  public long[] itemsByDepth = new long[MAX_DEPTH + 1];
  public long unifiedAuth;
  public long eLicense;
  public long onlinePayment;
  /** (item, online channel) publications. */
  public long onlinePublications;
  /** Standard guide elements present over those publications. */
  public long onlinePresentElements;

  public CatalogFigures() {}

  /** Counts an item as it now stands. */
  public void add(CatalogItem item) {
    count(item, 1);
  }

  /** Takes back what {@link #add} counted for the item as it stood then. */
  public void remove(CatalogItem item) {
    count(item, -1);
  }

  private void count(CatalogItem item, int sign) {
    int channels = item.publishingChannels();
    if (channels == 0) {
      return;
    }
    items += sign;
    if (channels >= 2) {
      itemsMultiChannel += sign;
      if (!item.isConsistent()) {
        itemsInconsistent += sign;
      }
    }
    if (item.isPublishedOnline()) {
      itemsOnline += sign;
      itemsByDepth[item.highestOnlineDepth()] += sign;
      unifiedAuth += item.hasUnifiedAuthOnline() ? sign : 0;
      eLicense += item.hasELicenseOnline() ? sign : 0;
      onlinePayment += item.hasOnlinePaymentOnline() ? sign : 0;
      for (Channel channel : Channel.online()) {
        if (item.isPublishedOn(channel)) {
          onlinePublications += sign;
          onlinePresentElements += (long) sign * item.listing(channel).presentElements;
        }
      }
    }
  }

  public long itemsAtDepth(int depth) {
    return itemsByDepth[depth];
  }

  /** Mean completeness over (item, online channel) publications, or null when there are none. */
  public Double completenessMean() {
    BigFraction mean = exactCompletenessMean();
    return mean == null ? null : mean.doubleValue();
  }

  /** {@link #completenessMean} as an exact fraction, for the scores. */
  public BigFraction exactCompletenessMean() {
    return onlinePublications == 0
        ? null
        : new BigFraction(onlinePresentElements, onlinePublications * Guide.STANDARD_ELEMENTS);
  }
}
