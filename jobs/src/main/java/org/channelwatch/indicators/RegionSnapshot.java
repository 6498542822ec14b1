package org.channelwatch.indicators;

/**
 * A region's per-minute document as it goes to the ranking of regions, with what the regions
 * document adds to it.
 *
 * <p>A Flink POJO.
 */
public class RegionSnapshot {
  public String region;
  public long windowStart;
  /** The rounded overall score as in the document; null when the region has none. */
  public Double overall;
  /** Sorted ids of the incidents open when the minute was written. */
  public String[] openIncidentIds;
  /** The per-minute document's JSON. */
  public byte[] minuteDocument;

  public RegionSnapshot() {}

  public RegionSnapshot(String region, long windowStart, Double overall, String[] openIncidentIds, byte[] minuteDocument) {
    this.region = region;
    this.windowStart = windowStart;
    this.overall = overall;
    this.openIncidentIds = openIncidentIds;
    this.minuteDocument = minuteDocument;
  }
}
