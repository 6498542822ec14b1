package org.channelwatch.detection;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.channelwatch.domain.Channel;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;

/**
 * Detects {@code service_unavailable} and {@code item_unavailable} from closed minutes of access
 * events of one region and channel.
 *
 * <p>Immutable; the open incidents live in the {@link OutageLedger} passed in. The channel's
 * minute is judged before its items', because an item minute in which the channel itself is down
 * (its minute is bad, or its incident is open) says nothing about the item and changes nothing.
 */
public final class AvailabilityDetector implements Serializable {
  private static final long serialVersionUID = 1L;

  private final AvailabilityRule channelRule;
  private final AvailabilityRule itemRule;

  public AvailabilityDetector(DetectionSettings settings) {
    this.channelRule = AvailabilityRule.forChannels(settings);
    this.itemRule = AvailabilityRule.forItems(settings);
  }

  /**
   * Applies one closed minute and returns the incident changes, in the order they happened.
   *
   * @param itemMinutes the minute's access events that carried an item code, by item code; sorted
   *     so that the changes come out in the same order on every run
   */
  public List<Incident> closeMinute(
      String region,
      Channel channel,
      long windowStart,
      AccessTally channelMinute,
      SortedMap<String, AccessTally> itemMinutes,
      OutageLedger ledger) {
    List<Incident> changes = new ArrayList<>();
    WindowHealth channelHealth = channelRule.judge(channelMinute);
    Incident service = ledger.service();
    if (service == null && channelHealth == WindowHealth.BAD) {
      service = Incidents.opened(
          IncidentKind.SERVICE_UNAVAILABLE, region, channel, null, null, null, windowStart, details(channelMinute));
      ledger.setService(service);
      changes.add(Incidents.copy(service));
    } else if (service != null && channelHealth == WindowHealth.GOOD) {
      changes.add(Incidents.resolved(service, windowStart));
      ledger.setService(null);
      service = null;
    }
    if (channelIsDown(channelHealth, service != null)) {
      return changes;
    }
    for (Map.Entry<String, AccessTally> entry : itemMinutes.entrySet()) {
      String itemCode = entry.getKey();
      WindowHealth itemHealth = itemRule.judge(entry.getValue());
      if (itemHealth == WindowHealth.INCONCLUSIVE) {
        continue;
      }
      Incident item = ledger.item(itemCode);
      if (item == null && itemHealth == WindowHealth.BAD) {
        item = Incidents.opened(
            IncidentKind.ITEM_UNAVAILABLE, region, channel, itemCode, null, null, windowStart, details(entry.getValue()));
        ledger.setItem(itemCode, item);
        changes.add(Incidents.copy(item));
      } else if (item != null && itemHealth == WindowHealth.GOOD) {
        changes.add(Incidents.resolved(item, windowStart));
        ledger.setItem(itemCode, null);
      }
    }
    return changes;
  }

  /** An item minute during its channel's own outage changes nothing (contract 3). */
  static boolean channelIsDown(WindowHealth channelMinute, boolean serviceIncidentOpen) {
    return channelMinute == WindowHealth.BAD || serviceIncidentOpen;
  }

  private static ObjectNode details(AccessTally openingMinute) {
    ObjectNode details = Incidents.details();
    details.put("samples", openingMinute.samples);
    details.put("okRatio", openingMinute.okRatio());
    return details;
  }
}
