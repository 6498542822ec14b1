package org.channelwatch.indicators;

import org.channelwatch.domain.ChannelEvent;

/**
 * One region's catalog: every item on every channel, and the figures over them.
 *
 * <p>Not thread-safe; one instance serves one region's state at a time. The caller persists {@link
 * #figures()} after a change, since the figures object may be a copy of stored state.
 */
public final class RegionCatalog {
  private final KeyValueStore<String, CatalogItem> items;
  private final CatalogFigures figures;

  public RegionCatalog(KeyValueStore<String, CatalogItem> items, CatalogFigures figures) {
    this.items = items;
    this.figures = figures;
  }

  /**
   * Applies a publication or withdrawal, whatever its time (catalog events are never late).
   *
   * @return the item as it now stands, or null when the event was stale or older than the one in
   *     force and changed nothing
   */
  public CatalogItem apply(ChannelEvent event) {
    CatalogItem item = items.get(event.itemCode);
    boolean known = item != null;
    if (!known) {
      item = new CatalogItem(event.itemCode);
    }
    if (!item.accepts(event)) {
      return null;
    }
    if (known) {
      figures.remove(item);
    }
    item.apply(event);
    figures.add(item);
    items.put(event.itemCode, item);
    return item;
  }

  public CatalogItem item(String itemCode) {
    return items.get(itemCode);
  }

  public CatalogFigures figures() {
    return figures;
  }
}
