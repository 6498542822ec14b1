package org.channelwatch.indicators;

import java.util.List;
import org.channelwatch.domain.Incident;
import org.channelwatch.domain.IncidentKind;

/**
 * The incidents of one region known to be open, by id.
 *
 * <p>Not thread-safe; one instance serves one region's state at a time.
 */
public final class OpenIncidents {
  private final KeyValueStore<String, IncidentKind> open;

  public OpenIncidents(KeyValueStore<String, IncidentKind> open) {
    this.open = open;
  }

  /** Takes in one change: an opening adds the incident, a resolution removes it. */
  public void apply(Incident change) {
    if (change.isOpen()) {
      open.put(change.id(), change.kind);
    } else {
      open.remove(change.id());
    }
  }

  /** Open incidents by kind, indexed by {@link IncidentKind#ordinal()}. */
  public long[] countsByKind() {
    long[] counts = new long[IncidentKind.values().length];
    for (String id : open.keys()) {
      counts[open.get(id).ordinal()]++;
    }
    return counts;
  }

  /** The ids of the open incidents, sorted so that documents do not depend on state order. */
  public List<String> ids() {
    return open.keys().stream().sorted().toList();
  }
}
