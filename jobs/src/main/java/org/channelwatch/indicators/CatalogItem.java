package org.channelwatch.indicators;

import java.util.ArrayList;
import java.util.List;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;

/**
 * One item of a region's catalog across the four channels.
 *
 * <p>A Flink POJO. {@link #listings} is indexed by {@link Channel#ordinal()}; an entry is null until
 * its channel sends a publication or withdrawal of the item.
 */
public class CatalogItem {
  public String itemCode;
  public ChannelListing[] listings = new ChannelListing[Channel.values().length];

  public CatalogItem() {}

  public CatalogItem(String itemCode) {
    this.itemCode = itemCode;
  }

  /** Whether a publication or withdrawal would change the listing in force rather than be stale or older. */
  public boolean accepts(ChannelEvent event) {
    ChannelListing listing = listings[event.channel.ordinal()];
    return listing == null || listing.isReplacedBy(event.revision, event.time);
  }

  /** Puts a publication or withdrawal in force on its channel; the caller has checked {@link #accepts}. */
  public void apply(ChannelEvent event) {
    int channel = event.channel.ordinal();
    if (listings[channel] == null) {
      listings[channel] = new ChannelListing();
    }
    listings[channel].apply(event);
  }

  public ChannelListing listing(Channel channel) {
    return listings[channel.ordinal()];
  }

  public boolean isPublishedOn(Channel channel) {
    ChannelListing listing = listings[channel.ordinal()];
    return listing != null && listing.published;
  }

  public int publishingChannels() {
    int count = 0;
    for (Channel channel : Channel.values()) {
      if (isPublishedOn(channel)) {
        count++;
      }
    }
    return count;
  }

  public boolean isPublishedOnline() {
    for (Channel channel : Channel.online()) {
      if (isPublishedOn(channel)) {
        return true;
      }
    }
    return false;
  }

  /** The highest depth over the online channels that publish the item, or 0 when none does. */
  public int highestOnlineDepth() {
    int highest = 0;
    for (Channel channel : Channel.online()) {
      if (isPublishedOn(channel)) {
        highest = Math.max(highest, listing(channel).depth);
      }
    }
    return highest;
  }

  public boolean hasUnifiedAuthOnline() {
    for (Channel channel : Channel.online()) {
      if (isPublishedOn(channel) && listing(channel).unifiedAuth) {
        return true;
      }
    }
    return false;
  }

  public boolean hasELicenseOnline() {
    for (Channel channel : Channel.online()) {
      if (isPublishedOn(channel) && listing(channel).eLicense) {
        return true;
      }
    }
    return false;
  }

  public boolean hasOnlinePaymentOnline() {
    for (Channel channel : Channel.online()) {
      if (isPublishedOn(channel) && listing(channel).onlinePayment) {
        return true;
      }
    }
    return false;
  }

  /**
   * The key facts on which some two publishing channels disagree, in the order of {@link
   * KeyFacts#FIELDS}; empty when they all agree.
   */
  public List<String> differingKeyFacts() {
    boolean[] differs = new boolean[KeyFacts.FIELDS.size()];
    Channel[] channels = Channel.values();
    for (int i = 0; i < channels.length; i++) {
      for (int j = i + 1; j < channels.length; j++) {
        if (isPublishedOn(channels[i]) && isPublishedOn(channels[j])) {
          List<String> fields =
              KeyFacts.differingFields(listing(channels[i]).normalisedKeyFacts(), listing(channels[j]).normalisedKeyFacts());
          for (String field : fields) {
            differs[KeyFacts.FIELDS.indexOf(field)] = true;
          }
        }
      }
    }
    List<String> differing = new ArrayList<>();
    for (int i = 0; i < differs.length; i++) {
      if (differs[i]) {
        differing.add(KeyFacts.FIELDS.get(i));
      }
    }
    return differing;
  }

  public boolean isConsistent() {
    return differingKeyFacts().isEmpty();
  }

  /** The name on the first publishing channel in the order hall, web, app, wechat; null when none publishes it. */
  public String displayName() {
    for (Channel channel : Channel.values()) {
      if (isPublishedOn(channel)) {
        return listing(channel).itemName;
      }
    }
    return null;
  }

  /** Event time of the latest change in force on any channel. */
  public long updatedAt() {
    long latest = Long.MIN_VALUE;
    for (ChannelListing listing : listings) {
      if (listing != null) {
        latest = Math.max(latest, listing.appliedAt);
      }
    }
    return latest;
  }
}
