package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RanksTest {

  @Test
  void sharesARankOnEqualScoresAndSkipsTheNextPlaces() {
    Map<String, Double> overall = new HashMap<>();
    overall.put("110000", 80.5);
    overall.put("330000", 91.0);
    overall.put("440000", 80.5);
    overall.put("650000", 70.0);
    overall.put("660000", null);
    assertThat(Ranks.rank(overall))
        .containsOnly(
            Map.entry("330000", 1), Map.entry("110000", 2), Map.entry("440000", 2), Map.entry("650000", 4));
  }

  @Test
  void ranksNothingWithoutScores() {
    assertThat(Ranks.rank(Map.of())).isEmpty();
  }
}
