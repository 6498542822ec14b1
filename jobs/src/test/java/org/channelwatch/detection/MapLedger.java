package org.channelwatch.detection;

import java.util.HashMap;
import java.util.Map;
import org.channelwatch.domain.Incident;

/** An {@link OutageLedger} over plain fields and a map, for tests and benchmarks. */
public final class MapLedger implements OutageLedger {
  Incident service;
  final Map<String, Incident> items = new HashMap<>();

  @Override
  public Incident service() {
    return service;
  }

  @Override
  public void setService(Incident open) {
    service = open;
  }

  @Override
  public Incident item(String itemCode) {
    return items.get(itemCode);
  }

  @Override
  public void setItem(String itemCode, Incident open) {
    if (open == null) {
      items.remove(itemCode);
    } else {
      items.put(itemCode, open);
    }
  }
}
