package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelAccessTest {

  @Test
  void hasNoRatioOrLatencyWithoutSamples() {
    ChannelAccess access = new ChannelAccess();
    assertThat(access.okRatio()).isNull();
    assertThat(access.p95LatencyMs()).isNull();
  }

  @Test
  void countsOkOutcomesAndOnlyTheLatenciesGiven() {
    ChannelAccess access = new ChannelAccess();
    access.add(true, 100L);
    access.add(false, null);
    access.add(true, 300L);
    access.add(true, null);
    assertThat(access.samples).isEqualTo(4);
    assertThat(access.ok).isEqualTo(3);
    assertThat(access.okRatio()).isEqualTo(0.75);
    assertThat(access.p95LatencyMs()).isEqualTo(300L);
  }
}
