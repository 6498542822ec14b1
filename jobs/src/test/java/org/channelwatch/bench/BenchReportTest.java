package org.channelwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void aPhaseTooShortToTimeAMinuteSaysSoInsteadOfPrintingNulls() {
    BenchReport.Freshness none = new BenchReport.Freshness(0, null, null, null, null, null, null, null, 110, "method");

    String printed = print(none);

    assertThat(printed).contains("no per-minute document was timed", "run it longer").doesNotContain("null");
  }

  @Test
  void timedMinutesArePrintedWithTheirPercentiles() {
    BenchReport.Freshness some = new BenchReport.Freshness(160, 729L, 931L, 931L, 270L, 331L, 398L, 771L, 110, "method");

    assertThat(print(some)).contains("160 per-minute documents", "p50 729 ms", "p99 931 ms");
  }

  private static String print(BenchReport.Freshness freshness) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BenchReport.printFreshness(new PrintStream(bytes, true, StandardCharsets.UTF_8), "at the live rate", freshness);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
