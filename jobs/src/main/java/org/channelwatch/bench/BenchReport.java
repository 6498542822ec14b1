package org.channelwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code channelwatch bench} run measured, printed for people and written as JSON
 * (the same figures under the same names).
 */
public record BenchReport(
    Machine machine,
    Settings settings,
    Load load,
    JobFigures baseline,
    JobFigures full,
    Ratio ratio,
    Freshness freshness,
    State state,
    List<Target> targets,
    List<String> notes) {

  /** The machine and how busy it was: figures from a busy machine are noisy. */
  public record Machine(int processors, long memoryMiB, String java, String os, double[] loadBefore, double[] loadAfter) {}

  public record Settings(
      long events, int parallelism, int partitions, double eventsPerEventTimeSecond, long seed, String stateBackend,
      String checkpointInterval) {}

  /** The events loaded into Kafka before either job ran. */
  public record Load(
      long events, double seconds, double eventsPerSecond, String firstEventTime, String lastEventTime,
      double eventTimeMinutes, Map<String, Long> byType) {}

  /**
   * One job's run over all loaded events.
   *
   * @param eventsPerSecond events over the time from the first record read to the last
   * @param steadyEventsPerSecond the same from the 10 % mark to the 90 % mark
   * @param cpuMicrosPerEvent CPU time of the job's threads during the run (all but the benchmark's own and
   *     main), per event: unlike
   *     the rates, hardly affected by other processes on the machine
   * @param cpuSecondsByThread the same by thread, subtasks of a task together, largest first
   */
  public record JobFigures(
      String job, double eventsPerSecond, double steadyEventsPerSecond, double seconds, Checkpoints checkpoints,
      long peakHeapMiB, long peakHeapAfterGcMiB, double cpuMicrosPerEvent, Map<String, Double> cpuSecondsByThread) {}

  public record Checkpoints(
      int completed, Long durationMillisMedian, Long durationMillisMax, Long fullBytesLast, Long checkpointedBytesLast) {}

  /** Full job over baseline, both measured in this run. */
  public record Ratio(double wholeRun, double steady) {}

  /**
   * Freshness of the per-minute documents, in milliseconds.
   *
   * @param p50Millis from the job's watermark (at its source) passing a window's end until the
   *     window's document is searchable
   * @param jobP50Millis the part inside the job: source watermark to the indicator operator's
   * @param outputP50Millis the part after: the indicator operator's watermark to searchable
   */
  public record Freshness(
      int documents, Long p50Millis, Long p99Millis, Long maxMillis, Long jobP50Millis, Long jobP99Millis,
      Long outputP50Millis, Long outputP99Millis, long probeErrorMillis, String method) {}

  /** State figures from a canonical savepoint taken when all events had been read. */
  public record State(
      long rememberedEventIds, Double bytesPerRememberedEventId, long trackedItemChannels,
      Double bytesPerTrackedItemChannel, long trackedCases, Double bytesPerTrackedCase, long openCases,
      Double bytesPerOpenCase, List<OperatorState> operators, String method) {}

  public record OperatorState(
      String uid, long savepointBytes, long rawKeyedBytes, long serializedBytes, List<StateCensus.StateFigures> states) {}

  public record Target(String name, String limit, Double value, boolean holds) {}

  public void writeJson(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
  }

  public void print(PrintStream out) {
    out.println();
    out.printf("Machine: %d cores, %,d MiB, %s, load %s before and %s after%n",
        machine.processors(), machine.memoryMiB(), machine.java(), load(machine.loadBefore()), load(machine.loadAfter()));
    out.printf("Events: %,d (%s .. %s, %.0f minutes of event time), parallelism %d, %s state%n",
        load.events(), load.firstEventTime(), load.lastEventTime(), load.eventTimeMinutes(), settings.parallelism(),
        settings.stateBackend());
    out.println();
    out.printf("%-34s %14s %14s%n", "", "baseline", "ChannelWatch");
    out.printf("%-34s %,14.0f %,14.0f   ratio %.2f%n", "events/s, first to last record", baseline.eventsPerSecond(),
        full.eventsPerSecond(), ratio.wholeRun());
    out.printf("%-34s %,14.0f %,14.0f   ratio %.2f%n", "events/s, 10 % to 90 %", baseline.steadyEventsPerSecond(),
        full.steadyEventsPerSecond(), ratio.steady());
    out.printf("%-34s %14s %14s%n", "checkpoints completed", baseline.checkpoints().completed(), full.checkpoints().completed());
    out.printf("%-34s %14s %14s%n", "checkpoint duration median/max ms",
        pair(baseline.checkpoints().durationMillisMedian(), baseline.checkpoints().durationMillisMax()),
        pair(full.checkpoints().durationMillisMedian(), full.checkpoints().durationMillisMax()));
    out.printf("%-34s %14s %14s%n", "last checkpoint full/incr. KiB",
        kib(baseline.checkpoints().fullBytesLast(), baseline.checkpoints().checkpointedBytesLast()),
        kib(full.checkpoints().fullBytesLast(), full.checkpoints().checkpointedBytesLast()));
    out.printf("%-34s %,14d %,14d%n", "peak heap MiB", baseline.peakHeapMiB(), full.peakHeapMiB());
    out.printf("%-34s %,14d %,14d%n", "peak heap after GC MiB", baseline.peakHeapAfterGcMiB(), full.peakHeapAfterGcMiB());
    out.printf("%-34s %,14.1f %,14.1f   ratio %.2f%n", "job CPU microseconds per event", baseline.cpuMicrosPerEvent(),
        full.cpuMicrosPerEvent(), baseline.cpuMicrosPerEvent() / full.cpuMicrosPerEvent());
    out.println();
    out.printf("Freshness of %,d per-minute documents: p50 %s ms, p99 %s ms, max %s ms (in the job p50 %s/p99 %s; after it p50 %s/p99 %s)%n",
        freshness.documents(), freshness.p50Millis(), freshness.p99Millis(), freshness.maxMillis(), freshness.jobP50Millis(),
        freshness.jobP99Millis(), freshness.outputP50Millis(), freshness.outputP99Millis());
    out.printf("State bytes: %s per remembered event id (%,d ids), %s per tracked item-channel (%,d),%n",
        round(state.bytesPerRememberedEventId()), state.rememberedEventIds(), round(state.bytesPerTrackedItemChannel()),
        state.trackedItemChannels());
    out.printf("             %s per tracked case (%,d), %s per open case in the indicators (%,d)%n",
        round(state.bytesPerTrackedCase()), state.trackedCases(), round(state.bytesPerOpenCase()), state.openCases());
    out.println();
    for (Target target : targets) {
      out.printf("  %-5s %-40s %-10s %s%n", target.holds() ? "holds" : "FAILS", target.name(), target.limit(), round(target.value()));
    }
    out.println();
    out.println("CPU seconds by thread, ChannelWatch:");
    full.cpuSecondsByThread().entrySet().stream().limit(12)
        .forEach(e -> out.printf("  %8.2f  %s%n", e.getValue(), e.getKey()));
    for (String note : notes) {
      out.println("Note: " + note);
    }
  }

  private static String load(double[] load) {
    return load == null ? "?" : String.format("%.2f/%.2f/%.2f", load[0], load[1], load[2]);
  }

  private static String pair(Long a, Long b) {
    return (a == null ? "-" : a.toString()) + "/" + (b == null ? "-" : b.toString());
  }

  private static String kib(Long a, Long b) {
    return (a == null ? "-" : String.format("%,d", a / 1024)) + "/" + (b == null ? "-" : String.format("%,d", b / 1024));
  }

  private static String round(Double value) {
    return value == null || value.isNaN() ? "-" : String.format("%,.2f", value);
  }
}
