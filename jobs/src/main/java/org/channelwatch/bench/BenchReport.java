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
    Freshness catchUpFreshness,
    Live live,
    State state,
    List<Target> targets,
    List<String> notes) {

  /** The machine and how busy it was: figures from a busy machine are noisy. */
  public record Machine(int processors, long memoryMiB, String java, String os, double[] loadBefore, double[] loadAfter) {}

  public record Settings(
      long events, long warmupEvents, int parallelism, int partitions, double eventsPerEventTimeSecond, long seed, String stateBackend,
      String checkpointInterval, double liveEventsPerSecond, String liveDuration) {}

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
   * @param processCpuMicrosPerEvent CPU time of whole processes from the job's start until every
   *     event was read, per event: this JVM (native threads and garbage collection included, the
   *     benchmark's own threads too), the Elasticsearch node and the Kafka broker
   * @param processCpuByKindMicrosPerEvent the same per process by kind of thread: garbage
   *     collection and safepoints, the JIT compiler, RocksDB's native threads, and other threads (absent
   *     where the OS gives no per-thread figures)
   */
  public record JobFigures(
      String job, double eventsPerSecond, double steadyEventsPerSecond, double seconds, Checkpoints checkpoints,
      long peakHeapMiB, long peakHeapAfterGcMiB, double cpuMicrosPerEvent, Map<String, Double> cpuSecondsByThread,
      Map<String, Double> processCpuMicrosPerEvent, Map<String, Map<String, Double>> processCpuByKindMicrosPerEvent) {}

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

  /**
   * The live phase: the full job on a topic the simulator publishes to at a steady rate, event time
   * keeping pace with the clock; null when it was skipped.
   *
   * @param eventsBehindAtEnd events published but not yet read when publishing stopped: near zero
   *     when the job kept up
   * @param coresUsed the job's CPU seconds over the wall seconds (2 would be both cores of this machine)
   * @param shareOfCatchUpRate the live rate over the rate at which the job caught up in this run
   * @param sinkMaxTimeInBufferMillis how long the Elasticsearch sink holds a document at most
   */
  public record Live(
      double eventsPerSecondTarget, double seconds, long eventsSent, long eventsRead, long eventsBehindAtEnd,
      double eventsPerSecond, double coresUsed, double shareOfCatchUpRate, Freshness freshness,
      List<WatermarkLag> watermarkLags, long sinkMaxTimeInBufferMillis, String method) {}

  /** How long after the source's watermark passed a minute's end an operator's watermark did, over the minutes. */
  public record WatermarkLag(String operator, int minutes, Long p50Millis, Long p99Millis) {}

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
    out.println(settings.warmupEvents() > 0
        ? String.format("Each job measured after a warm-up run over %,d other events", settings.warmupEvents())
        : "Each job measured from a cold start (no warm-up): compiling code is in the figures");
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
    for (String process : full.processCpuMicrosPerEvent().keySet()) {
      out.printf("%-34s %,14.1f %,14.1f%n", "process CPU µs/event, " + process,
          baseline.processCpuMicrosPerEvent().getOrDefault(process, Double.NaN), full.processCpuMicrosPerEvent().get(process));
      Map<String, Double> fullKinds = full.processCpuByKindMicrosPerEvent().getOrDefault(process, Map.of());
      Map<String, Double> baselineKinds = baseline.processCpuByKindMicrosPerEvent().getOrDefault(process, Map.of());
      fullKinds.forEach((kind, micros) -> out.printf("%-34s %,14.1f %,14.1f%n", "  of it, " + kind,
          baselineKinds.getOrDefault(kind, Double.NaN), micros));
    }
    // With both jobs CPU bound on the same cores, this ratio is the one the throughput ratio follows.
    double baselineMachine = sum(baseline.processCpuMicrosPerEvent());
    double fullMachine = sum(full.processCpuMicrosPerEvent());
    out.printf("%-34s %,14.1f %,14.1f   ratio %.2f%n", "process CPU µs/event, all", baselineMachine, fullMachine,
        baselineMachine / fullMachine);
    // Compiling is paid once per process start; a job that runs for days does not pay it per event.
    double baselineCompiled = baselineMachine - jitCompiler(baseline);
    double fullCompiled = fullMachine - jitCompiler(full);
    out.printf("%-34s %,14.1f %,14.1f   ratio %.2f%n", "process CPU µs/event, all but JIT", baselineCompiled, fullCompiled,
        baselineCompiled / fullCompiled);
    out.println();
    printFreshness(out, "while catching up", catchUpFreshness);
    if (live != null) {
      out.printf("Live: %,.0f events/s for %.0f s (%.0f %% of the catch-up rate), %,d sent, %,d read, %,d behind when "
              + "publishing stopped; the job used %.2f cores%n",
          live.eventsPerSecond(), live.seconds(), live.shareOfCatchUpRate() * 100, live.eventsSent(), live.eventsRead(),
          live.eventsBehindAtEnd(), live.coresUsed());
      printFreshness(out, "at the live rate", live.freshness());
      out.print("  watermark behind the source's, p50/p99 ms:");
      for (WatermarkLag lag : live.watermarkLags()) {
        out.printf(" %s %s/%s;", lag.operator(), lag.p50Millis(), lag.p99Millis());
      }
      out.println();
    }
    out.printf("State bytes: %s per remembered event id (%,d ids), %s per tracked item-channel (%,d),%n",
        round(state.bytesPerRememberedEventId()), state.rememberedEventIds(), round(state.bytesPerTrackedItemChannel()),
        state.trackedItemChannels());
    out.printf("             %s per tracked case (%,d), %s per open case in the indicators (%,d)%n",
        round(state.bytesPerTrackedCase()), state.trackedCases(), round(state.bytesPerOpenCase()), state.openCases());
    out.println();
    for (Target target : targets) {
      out.printf("  %-5s %-40s %-10s %s%n", target.value() == null ? "-" : target.holds() ? "holds" : "FAILS", target.name(),
          target.limit(), target.value() == null ? "not measured" : round(target.value()));
    }
    out.println();
    out.println("CPU seconds by thread, ChannelWatch:");
    full.cpuSecondsByThread().entrySet().stream().limit(12)
        .forEach(e -> out.printf("  %8.2f  %s%n", e.getValue(), e.getKey()));
    for (String note : notes) {
      out.println("Note: " + note);
    }
  }

  static void printFreshness(PrintStream out, String when, Freshness freshness) {
    if (freshness.documents() == 0) {
      out.printf("Freshness %s: no per-minute document was timed (a minute is timed once the watermark passes its end, "
          + "up to about 90 s after the phase starts: run it longer)%n", when);
      return;
    }
    out.printf("Freshness %s, %,d per-minute documents: p50 %s ms, p99 %s ms, max %s ms (in the job p50 %s/p99 %s; "
            + "after it p50 %s/p99 %s)%n",
        when, freshness.documents(), freshness.p50Millis(), freshness.p99Millis(), freshness.maxMillis(),
        freshness.jobP50Millis(), freshness.jobP99Millis(), freshness.outputP50Millis(), freshness.outputP99Millis());
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

  /** The JIT compilers' share of every process's CPU per event. */
  private static double jitCompiler(JobFigures job) {
    return job.processCpuByKindMicrosPerEvent().values().stream()
        .mapToDouble(kinds -> kinds.getOrDefault(ProcessCpu.ThreadKind.JIT_COMPILER.label, 0.0))
        .sum();
  }

  private static double sum(Map<String, Double> values) {
    return values.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
