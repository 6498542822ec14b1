package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void isNullWithoutValues() {
    assertThat(Percentiles.nearestRank(new long[0], 0, 95)).isNull();
  }

  @Test
  void takesTheNearestRankNotAnInterpolation() {
    long[] oneToTwenty = LongStream.rangeClosed(1, 20).toArray();
    // rank = ceil(0.95 * 20) = 19
    assertThat(Percentiles.nearestRank(oneToTwenty, 20, 95)).isEqualTo(19L);
    long[] oneToTen = LongStream.rangeClosed(1, 10).toArray();
    // rank = ceil(9.5) = 10
    assertThat(Percentiles.nearestRank(oneToTen, 10, 95)).isEqualTo(10L);
    assertThat(Percentiles.nearestRank(new long[] {7}, 1, 95)).isEqualTo(7L);
  }

  @Test
  void ignoresSlotsBeyondTheCount() {
    assertThat(Percentiles.nearestRank(new long[] {3, 1, 999, 999}, 2, 95)).isEqualTo(3L);
  }

  @Property
  void atLeastNinetyFivePercentAreAtOrBelowIt(@ForAll @Size(min = 1, max = 300) long[] values) {
    long p95 = Percentiles.nearestRank(values, values.length, 95);
    long atOrBelow = LongStream.of(values).filter(v -> v <= p95).count();
    long below = LongStream.of(values).filter(v -> v < p95).count();
    assertThat(atOrBelow * 100).isGreaterThanOrEqualTo(95L * values.length);
    assertThat(below * 100).isLessThan(95L * values.length);
  }

  @Property
  void mergingWindowsGivesTheSameAsOneWindow(
      @ForAll @Size(max = 50) long[] first, @ForAll @Size(max = 50) long[] second, @ForAll @LongRange(min = 0) long unused) {
    ChannelAccess a = new ChannelAccess();
    ChannelAccess b = new ChannelAccess();
    ChannelAccess all = new ChannelAccess();
    for (long v : first) {
      a.add(v % 2 == 0, v);
      all.add(v % 2 == 0, v);
    }
    for (long v : second) {
      b.add(v % 2 == 0, v);
      all.add(v % 2 == 0, v);
    }
    a.merge(b);
    assertThat(a.samples).isEqualTo(all.samples);
    assertThat(a.ok).isEqualTo(all.ok);
    assertThat(a.p95LatencyMs()).isEqualTo(all.p95LatencyMs());
  }
}
