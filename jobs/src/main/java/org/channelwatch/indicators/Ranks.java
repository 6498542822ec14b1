package org.channelwatch.indicators;

import java.util.HashMap;
import java.util.Map;

/** Ranks regions by their overall score. */
public final class Ranks {
  private Ranks() {}

  /**
   * Standard competition ranking ("1224") by overall score, highest first: regions with the same
   * score share a rank, and the next rank skips as many places as they share. Regions whose score is
   * null get no rank. The result depends only on the scores, never on the order of the map.
   */
  public static Map<String, Integer> rank(Map<String, Double> overallByRegion) {
    Map<String, Integer> ranks = new HashMap<>();
    for (Map.Entry<String, Double> region : overallByRegion.entrySet()) {
      Double score = region.getValue();
      if (score == null) {
        continue;
      }
      int better = 0;
      for (Double other : overallByRegion.values()) {
        if (other != null && other > score) {
          better++;
        }
      }
      ranks.put(region.getKey(), better + 1);
    }
    return ranks;
  }
}
