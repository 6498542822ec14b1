package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowsTest {

  @Test
  void alignsWindowsToTheEpochMinute() {
    assertThat(Windows.startOf(61_000)).isEqualTo(60_000);
    assertThat(Windows.startOf(60_000)).isEqualTo(60_000);
    assertThat(Windows.startOf(-1)).isEqualTo(-60_000);
  }

  @Test
  void aWindowIsEmittedOnceTheWatermarkReachesItsLastMillisecond() {
    assertThat(Windows.isEmitted(60_000, 119_998)).isFalse();
    assertThat(Windows.isEmitted(60_000, 119_999)).isTrue();
    assertThat(Windows.isEmitted(119_999, 119_999)).isTrue();
    assertThat(Windows.isEmitted(120_000, 119_999)).isFalse();
  }
}
