package org.channelwatch.detection;

import org.apache.flink.api.java.functions.KeySelector;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.minutes.ChannelMinute;

/**
 * The keys detection partitions by, as strings joined with {@code :}.
 *
 * <p>Strings rather than enums or records: an enum's hash code differs between JVMs, which would
 * send one key to different subtasks. None of the joined parts can contain {@code :}.
 */
final class DetectionKeys {
  private DetectionKeys() {}

  /** {@code region:channel}, of a summary of the channel's minute. */
  static final class ByRegionAndChannel implements KeySelector<ChannelMinute, String> {
    @Override
    public String getKey(ChannelMinute minute) {
      return minute.region + ":" + minute.channel.wireName();
    }
  }

  /** {@code region:itemCode}. */
  static final class ByRegionAndItem implements KeySelector<ChannelEvent, String> {
    @Override
    public String getKey(ChannelEvent event) {
      return event.region + ":" + event.itemCode;
    }
  }

  /** {@code region:caseId}: a caseId is unique within its region. */
  static final class ByRegionAndCase implements KeySelector<ChannelEvent, String> {
    @Override
    public String getKey(ChannelEvent event) {
      return event.region + ":" + event.caseId;
    }
  }

  /** {@code region:applicantId:itemCode}. */
  static final class ByRegionApplicantAndItem implements KeySelector<CaseFact, String> {
    @Override
    public String getKey(CaseFact fact) {
      return fact.region + ":" + fact.applicantId + ":" + fact.itemCode;
    }
  }

  /** The region, the first part of every key. */
  static String region(String key) {
    return key.substring(0, key.indexOf(':'));
  }

  /** The part after the region. */
  static String rest(String key) {
    return key.substring(key.indexOf(':') + 1);
  }

  static Channel channel(String regionAndChannel) {
    String wireName = rest(regionAndChannel);
    return Channel.fromWireName(wireName)
        .orElseThrow(() -> new IllegalStateException("not a region:channel key: " + regionAndChannel));
  }
}
