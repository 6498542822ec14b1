package org.channelwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.channelwatch.SharedContract;
import org.junit.jupiter.api.Test;

class RegionsTest {

  @Test
  void shipsTheContractsRegionsUnchanged() throws Exception {
    String shipped = new String(Regions.class.getResourceAsStream("regions.csv").readAllBytes(), "UTF-8");
    assertThat(shipped).isEqualTo(Files.readString(SharedContract.dir().resolve("regions.csv")));
  }

  @Test
  void knowsAll32RegionsIncludingTheCorps() {
    assertThat(Regions.all()).hasSize(32);
    assertThat(Regions.isKnown("660000")).isTrue();
    assertThat(Regions.nameOf("330000")).isEqualTo("浙江省");
    assertThat(Regions.isKnown("990000")).isFalse();
  }
}
