package org.channelwatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.channelwatch.bench.Bench;
import org.channelwatch.bench.BenchReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the end-to-end benchmark: the full job against a baseline job, on the local stack. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Benchmark the ChannelWatch job against a baseline job on a local Kafka broker and Elasticsearch node.",
      "Loads simulated events into Kafka, then, after a warm-up run of each over other events, runs the full job",
      "(real Elasticsearch and Kafka sinks) and a baseline (Kafka source, JSON parse, key by region, 1-minute",
      "count, discard) over the same events at the same parallelism. Then runs the full job live, the simulator",
      "publishing at a steady rate. Prints and writes as JSON: events/s of each and their ratio, CPU per event",
      "of each process by kind of thread, freshness of the per-minute documents (live, and while catching up),",
      "checkpoints, state bytes per remembered event id, item-channel and case, and heap.",
      "Figures from a busy machine are noisy: compare ratios from one run (docs/benchmarks.md)."
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--events",
      defaultValue = "${env:CHANNELWATCH_BENCH_EVENTS:-2000000}",
      description = "Simulated events to load and process (env CHANNELWATCH_BENCH_EVENTS; default ${DEFAULT-VALUE}).")
  long events;

  @Option(
      names = "--warmup-events",
      defaultValue = "${env:CHANNELWATCH_BENCH_WARMUP_EVENTS:-500000}",
      description = "Other events each job reads first, unmeasured, so that the figures are of warmed-up code (in this JVM, "
          + "Elasticsearch and Kafka), as in a job that runs for days; 0 measures from a cold start "
          + "(env CHANNELWATCH_BENCH_WARMUP_EVENTS; default ${DEFAULT-VALUE}).")
  long warmupEvents;

  @Option(
      names = "--parallelism",
      defaultValue = "${env:CHANNELWATCH_BENCH_PARALLELISM:-2}",
      description = "Parallelism of both jobs, and partitions of the events topic (env CHANNELWATCH_BENCH_PARALLELISM; default ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--event-rate",
      defaultValue = "${env:CHANNELWATCH_BENCH_EVENT_RATE:-300}",
      description = "Simulated events per second of event time; with --events it sets the span of event time, which ends about now "
          + "(env CHANNELWATCH_BENCH_EVENT_RATE; default ${DEFAULT-VALUE}, the simulator's national rate: 2,000,000 events span about 111 minutes).")
  double eventRate;

  @Option(
      names = "--live-rate",
      defaultValue = "${env:CHANNELWATCH_BENCH_LIVE_RATE:-2000}",
      description = "Events per second the simulator publishes in the live phase, event time keeping pace with the clock "
          + "(env CHANNELWATCH_BENCH_LIVE_RATE; default ${DEFAULT-VALUE}, several times the demo's national rate and well "
          + "below what the job sustains here).")
  double liveRate;

  @Option(
      names = "--live-duration",
      defaultValue = "${env:CHANNELWATCH_BENCH_LIVE_DURATION:-PT5M}",
      description = "How long the live phase publishes, ISO-8601; PT0S skips it (env CHANNELWATCH_BENCH_LIVE_DURATION; "
          + "default ${DEFAULT-VALUE}). Freshness is measured there; the catch-up figure measures queueing.")
  Duration liveDuration;

  @Option(
      names = "--seed",
      defaultValue = "${env:CHANNELWATCH_BENCH_SEED:-20261125}",
      description = "Seed of the simulation (env CHANNELWATCH_BENCH_SEED; default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--state-backend",
      defaultValue = "${env:CHANNELWATCH_BENCH_STATE_BACKEND:-rocksdb}",
      description = "rocksdb or hashmap, for both jobs (env CHANNELWATCH_BENCH_STATE_BACKEND; default ${DEFAULT-VALUE}, as `run`).")
  String stateBackend;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "${env:CHANNELWATCH_BENCH_CHECKPOINT_INTERVAL:-PT10S}",
      description = "Time between checkpoints of both jobs, ISO-8601 (env CHANNELWATCH_BENCH_CHECKPOINT_INTERVAL; default ${DEFAULT-VALUE}, as `run`).")
  Duration checkpointInterval;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:CHANNELWATCH_BENCH_DATA_DIR:-.channelwatch/bench}",
      description = "Directory for the benchmark's Kafka, Elasticsearch, checkpoints and logs; emptied first "
          + "(env CHANNELWATCH_BENCH_DATA_DIR; default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      defaultValue = "${env:CHANNELWATCH_BENCH_JSON}",
      description = "Write the figures as JSON here (env CHANNELWATCH_BENCH_JSON; default DIR/report.json).")
  Path json;

  @Override
  public Integer call() throws Exception {
    if (warmupEvents < 0) {
      throw new IllegalArgumentException("--warmup-events must not be negative; 0 skips the warm-up");
    }
    if (events < 1 || parallelism < 1 || !(eventRate > 0) || !(liveRate > 0)) {
      throw new IllegalArgumentException("--events, --parallelism, --event-rate and --live-rate must be above 0");
    }
    if (liveDuration.isNegative()) {
      throw new IllegalArgumentException("--live-duration must not be negative; PT0S skips the live phase");
    }
    BenchReport report =
        new Bench(new Bench.Settings(
                events, warmupEvents, parallelism, eventRate, seed, stateBackend, checkpointInterval, dataDir, liveRate, liveDuration), System.out)
            .run();
    report.print(System.out);
    Path file = json != null ? json : dataDir.resolve("report.json");
    report.writeJson(file);
    System.out.println("Figures written to " + file.toAbsolutePath());
    return 0;
  }
}
