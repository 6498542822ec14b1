package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.channelwatch.bench.Bench;
import org.channelwatch.bench.BenchReport;
import org.junit.jupiter.api.Test;

/**
 * {@code channelwatch bench} runs end to end on a few events and writes a complete report. Only
 * that: figures from a test run on a shared machine mean nothing, so none is checked.
 */
class BenchSmokeTest {

  @Test
  void writesACompleteReportForATinyRun() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "bench-smoke-" + System.currentTimeMillis()).toAbsolutePath());
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    BenchReport report =
        new Bench(
                new Bench.Settings(
                    20_000, 5_000, 2, 300, 20261125L, "rocksdb", Duration.ofSeconds(10), dir.resolve("bench"), 200,
                    Duration.ofSeconds(20)),
                new PrintStream(console, true, StandardCharsets.UTF_8))
            .run();
    Path json = dir.resolve("report.json");
    report.writeJson(json);

    JsonNode written = new ObjectMapper().readTree(json.toFile());
    for (String section : new String[] {"machine", "settings", "load", "baseline", "full", "ratio", "catchUpFreshness", "live", "state", "targets"}) {
      assertThat(written.has(section)).as("report has " + section).isTrue();
    }
    assertThat(written.at("/load/events").asLong()).isEqualTo(20_000);
    for (String job : new String[] {"baseline", "full"}) {
      assertThat(written.at("/" + job + "/eventsPerSecond").isNumber()).as(job + " events/s").isTrue();
      assertThat(written.at("/" + job + "/cpuSecondsByThread").size()).as(job + " CPU by thread").isPositive();
      for (String process : new String[] {"this JVM", "Elasticsearch", "Kafka"}) {
        assertThat(written.at("/" + job + "/processCpuMicrosPerEvent").path(process).isNumber())
            .as(job + ": CPU of the process " + process)
            .isTrue();
      }
      assertThat(written.at("/" + job + "/processCpuByKindMicrosPerEvent/this JVM").path("GC and safepoints").isNumber())
          .as(job + ": CPU of this JVM's garbage collection")
          .isTrue();
    }
    assertThat(written.at("/live/eventsSent").asLong()).as("events published in the live phase").isPositive();
    assertThat(written.at("/live/coresUsed").isNumber()).isTrue();
    assertThat(written.at("/state/rememberedEventIds").asLong()).as("ids remembered at the savepoint").isPositive();
    assertThat(written.at("/state/operators").size()).isPositive();
    assertThat(written.at("/targets").size()).isEqualTo(4);
    assertThat(console.toString(StandardCharsets.UTF_8)).contains("ChannelWatch", "baseline");
  }
}
