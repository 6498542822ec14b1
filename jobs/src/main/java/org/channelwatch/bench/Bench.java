package org.channelwatch.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.elasticsearch.ElasticsearchSinkSettings;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.kafka.KafkaTopics;
import org.channelwatch.connectors.local.LocalStack;
import org.channelwatch.detection.DetectionGraph;
import org.channelwatch.indicators.IndicatorGraph;
import org.channelwatch.indicators.Percentiles;
import org.channelwatch.indicators.Windows;
import org.channelwatch.job.ChannelWatchJob;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.job.JobSettings;
import org.channelwatch.job.Metrics;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatorProfile;
import org.channelwatch.simulator.SimulatorRunner;

/**
 * The end-to-end benchmark: loads simulated events into a local Kafka broker, then runs the full
 * ChannelWatch job (with its real Elasticsearch and Kafka sinks) and a baseline job over the same
 * events at the same parallelism, on Flink MiniClusters in this JVM, and measures both.
 *
 * <p>Throughput is taken from the source's own record counter: records read over the time from the
 * first to the last. Backpressure keeps the source within a few network buffers of the slowest
 * operator, so this is the job's rate.
 *
 * <p>Both jobs first run over warm-up events of their own, unmeasured: a job runs for days, and
 * compiling its code (in this JVM, in Elasticsearch and in Kafka) is a cost paid once at its start,
 * which in a run of minutes was a third of all the CPU used. Whatever warm-up is left over still
 * favours the baseline, which runs after the full job.
 */
public final class Bench {
  static final String TOPIC = "channelwatch.events";
  /** The live phase's own topic, so that its job reads only what is published while it runs. */
  static final String LIVE_TOPIC = "channelwatch.events.live";
  /** The warm-up's own topic, its events earlier than the measured ones, so no document of theirs is rewritten. */
  static final String WARMUP_TOPIC = "channelwatch.events.warmup";
  /** How long the live phase waits, once publishing stops, for the job to read what was published. */
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);
  private static final Duration STALL_LIMIT = Duration.ofSeconds(Long.getLong("channelwatch.bench.stallSeconds", 180));
  private static final Duration SETTLE = Duration.ofSeconds(3);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
  private static final String INDICATOR_OPERATOR = "indicators per region and minute";
  private static final String SOURCE_OPERATOR = "channel events";
  /** Operators on the way from the source to the per-minute documents, in order, for the live phase's watermark lags. */
  private static final List<String> WATERMARK_PATH =
      List.of(
          "drop repeated deliveries", "detect service and item unavailable", "detect silent channels",
          "detect inconsistent guides", "detect unsynced case status", "detect offline resubmissions", INDICATOR_OPERATOR,
          "rank regions", "Elasticsearch");

  /**
   * What to run.
   *
   * @param warmupEvents events each job reads, unmeasured, before its measured run; zero skips the warm-up
   * @param eventsPerEventTimeSecond the simulator's rate in event time: with {@code events} it fixes
   *     how much event time the events span
   * @param liveEventsPerSecond the rate of the live phase, in events per second of both wall time
   *     and event time
   * @param liveDuration how long the live phase publishes; zero skips it
   */
  public record Settings(
      long events, long warmupEvents, int parallelism, double eventsPerEventTimeSecond, long seed, String stateBackend,
      Duration checkpointInterval, Path dataDir, double liveEventsPerSecond, Duration liveDuration) {}

  private final Settings settings;
  private final PrintStream out;
  private final List<String> notes = new ArrayList<>();

  public Bench(Settings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  /** Runs everything and returns the figures; prints progress to {@code out} on the way. */
  public BenchReport run() throws Exception {
    double[] loadBefore = loadAverage();
    Path dataDir = settings.dataDir().toAbsolutePath();
    clean(dataDir);
    out.println("Starting Kafka and Elasticsearch under " + dataDir + " ...");
    try (LocalStack services = LocalStack.start(dataDir.resolve("stack"), 0, 0)) {
      KafkaSettings kafka = KafkaSettings.of(services.kafka().bootstrapServers());
      ElasticsearchConnection elasticsearch = ElasticsearchConnection.of(services.elasticsearch().url());

      EventSimulator simulator = simulator();
      out.printf("Loading %,d simulated events (%,.0f per second of event time, from %s) ...%n",
          settings.events(), settings.eventsPerEventTimeSecond(), simulator.start());
      EventLoader.Loaded loaded = EventLoader.load(kafka, TOPIC, settings.parallelism(), simulator, settings.events(), out);
      if (settings.warmupEvents() > 0) {
        warmUp(kafka, elasticsearch, dataDir, simulator.start());
      }

      FullRun full = runFull(services, kafka, elasticsearch, dataDir, loaded);
      JobRun baseline = runBaseline(services, kafka, elasticsearch, dataDir);
      BenchReport.Live live =
          settings.liveDuration().isZero() ? null : runLive(kafka, elasticsearch, dataDir, full.figures());
      return report(loadBefore, loaded, baseline, full, live);
    }
  }

  /**
   * A simulator whose events end about now, so that none is in the future (contract 1.4, {@code
   * bad_time}) and the span of event time is what the rate gives.
   */
  private EventSimulator simulator() {
    return simulatorEndingBefore(Instant.now(), settings.events(), settings.seed());
  }

  private EventSimulator simulatorEndingBefore(Instant end, long events, long seed) {
    long spanSeconds = (long) Math.ceil(events / settings.eventsPerEventTimeSecond());
    Instant start = end.minusSeconds(spanSeconds + 60).truncatedTo(ChronoUnit.MINUTES);
    SimulatorProfile profile = SimulatorProfile.defaults().withEventsPerSecond(settings.eventsPerEventTimeSecond());
    return new EventSimulator(profile, seed, start);
  }

  /**
   * Runs each job, unmeasured, over warm-up events of its own: another seed, all earlier than the
   * measured events, on a topic of their own, so that no per-minute document of the measured run
   * exists before it writes it. Each job reads with a consumer group of its own and starts empty.
   */
  private void warmUp(KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path dataDir, Instant measuredStart)
      throws Exception {
    long events = settings.warmupEvents();
    EventSimulator simulator = simulatorEndingBefore(measuredStart, events, settings.seed() + 1);
    out.printf("Warming up: loading %,d other events (from %s), then running each job over them unmeasured ...%n",
        events, simulator.start());
    EventLoader.load(kafka, WARMUP_TOPIC, settings.parallelism(), simulator, events, out);
    JobLauncher.Options options =
        options(kafka, elasticsearch, dataDir.resolve("checkpoints-warmup-full"), "bench-warmup-full", WARMUP_TOPIC);
    try (JobProbe probe = new JobProbe(JobLauncher.JOB_NAME, SOURCE_OPERATOR, events, 0, List.of())) {
      JobClient job = JobLauncher.start(options, reporters());
      awaitAllRead(job, probe, "warm-up ChannelWatch", events);
      job.cancel().get(2, TimeUnit.MINUTES);
    }
    awaitMetricsGone(JobLauncher.JOB_NAME);
    try (JobProbe probe = new JobProbe(BaselineJob.NAME, BaselineJob.SOURCE, events, 0, List.of())) {
      JobClient job = startBaseline(kafka, elasticsearch, dataDir.resolve("checkpoints-warmup-baseline"), "bench-warmup-baseline", WARMUP_TOPIC);
      awaitAllRead(job, probe, "warm-up baseline", events);
      job.cancel().get(2, TimeUnit.MINUTES);
    }
    awaitMetricsGone(BaselineJob.NAME);
  }

  /**
   * Waits until a cancelled job's metrics are unregistered: the measured run has the same job name,
   * and its probe would otherwise add the warm-up's counters to its own.
   */
  private static void awaitMetricsGone(String jobName) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (!BenchMetrics.describe(jobName).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the warm-up run of " + jobName + " still has metrics " + SETTLE_LIMIT.toSeconds() + " s after it was cancelled");
      }
      Thread.sleep(100);
    }
  }

  /** What one job's run gave. */
  private record JobRun(BenchReport.JobFigures figures) {}

  private record FullRun(
      BenchReport.JobFigures figures, BenchReport.Freshness freshness, BenchReport.State state) {}

  private JobLauncher.Options options(KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path checkpoints, String group) {
    return options(kafka, elasticsearch, checkpoints, group, TOPIC);
  }

  private JobLauncher.Options options(
      KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path checkpoints, String group, String topic) {
    return new JobLauncher.Options(
        kafka, topic, "channelwatch.deadletter", "channelwatch.alerts", null, group, settings.parallelism(),
        elasticsearch, 0, settings.parallelism(), checkpoints, settings.checkpointInterval(), settings.stateBackend(),
        JobSettings.defaults(), ElasticsearchSinkSettings.defaults(), null);
  }

  /** Flink settings both jobs add to the launcher's: our metric reporter beside the progress one. */
  private static Configuration reporters() {
    Configuration conf = new Configuration();
    conf.set(MetricOptions.REPORTERS_LIST, "progress," + BenchMetrics.REPORTER);
    conf.setString("metrics.reporter." + BenchMetrics.REPORTER + ".factory.class", BenchMetrics.Factory.class.getName());
    return conf;
  }

  private FullRun runFull(
      LocalStack services, KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path dataDir, EventLoader.Loaded loaded)
      throws Exception {
    out.println("Running the ChannelWatch job ...");
    JobLauncher.Options options = options(kafka, elasticsearch, dataDir.resolve("checkpoints-full"), "bench-full");
    List<String> timed = List.of(SOURCE_OPERATOR, INDICATOR_OPERATOR);
    try (JobProbe probe =
            new JobProbe(JobLauncher.JOB_NAME, SOURCE_OPERATOR, settings.events(), loaded.firstEventTime().toEpochMilli(), timed);
        VisibilityProbe visibility = new VisibilityProbe(elasticsearch)) {
      ProcessCpu processCpu = ProcessCpu.start(services);
      JobClient job = JobLauncher.start(options, reporters());
      awaitAllRead(job, probe, "ChannelWatch", settings.events());
      ProcessCpu.Usage processCpuPerEvent = processCpu.microsPerEvent(settings.events());
      awaitSettled(visibility);
      if (System.getenv("CHANNELWATCH_BENCH_DUMP_METRICS") != null) {
        BenchMetrics.describe(JobLauncher.JOB_NAME).forEach(out::println);
      }
      // Nothing moves once every event is read: the watermark waits for events that do not come.
      long rememberedIds = BenchMetrics.counterOrGaugeSum(JobLauncher.JOB_NAME, Metrics.REMEMBERED_EVENT_IDS);
      out.println("Taking a savepoint for the state figures ...");
      String savepoint =
          job.stopWithSavepoint(false, dataDir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
              .get(10, TimeUnit.MINUTES);
      probe.close();
      BenchReport.Freshness freshness =
          freshness(probe.watermarkPassed(SOURCE_OPERATOR), probe.watermarkPassed(INDICATOR_OPERATOR), visibility.firstSeen());
      BenchReport.State state = state(Path.of(URI.create(savepoint)), rememberedIds);
      return new FullRun(figures("ChannelWatch", probe, processCpuPerEvent), freshness, state);
    }
  }

  private JobRun runBaseline(LocalStack services, KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path dataDir) throws Exception {
    out.println("Running the baseline job ...");
    try (JobProbe probe = new JobProbe(BaselineJob.NAME, BaselineJob.SOURCE, settings.events(), 0, List.of())) {
      ProcessCpu processCpu = ProcessCpu.start(services);
      JobClient job = startBaseline(kafka, elasticsearch, dataDir.resolve("checkpoints-baseline"), "bench-baseline", TOPIC);
      awaitAllRead(job, probe, "baseline", settings.events());
      ProcessCpu.Usage processCpuPerEvent = processCpu.microsPerEvent(settings.events());
      job.cancel().get(2, TimeUnit.MINUTES);
      probe.close();
      return new JobRun(figures("baseline", probe, processCpuPerEvent));
    }
  }

  private JobClient startBaseline(
      KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path checkpoints, String group, String topic) throws Exception {
    Configuration conf = JobLauncher.flinkConfiguration(options(kafka, elasticsearch, checkpoints, group, topic));
    conf.addAll(reporters());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(settings.parallelism());
    BaselineJob.build(env, kafka, topic, group, JobSettings.defaults().outOfOrderness());
    return env.executeAsync(BaselineJob.NAME);
  }

  /**
   * Runs the full job on a topic of its own while the simulator publishes to it at a steady rate,
   * with event time keeping pace with the clock: freshness as a live deployment sees it, not while
   * catching up on a backlog. The job starts with empty state, like a fresh deployment.
   */
  private BenchReport.Live runLive(
      KafkaSettings kafka, ElasticsearchConnection elasticsearch, Path dataDir, BenchReport.JobFigures catchUp)
      throws Exception {
    double rate = settings.liveEventsPerSecond();
    Duration duration = settings.liveDuration();
    out.printf("Running the ChannelWatch job live: %,.0f events/s, event time = now, for %s ...%n", rate, duration);
    KafkaTopics.ensure(kafka, settings.parallelism(), LIVE_TOPIC);
    JobLauncher.Options options = options(kafka, elasticsearch, dataDir.resolve("checkpoints-live"), "bench-live", LIVE_TOPIC);
    long firstMinute = Windows.startOf(System.currentTimeMillis());
    List<String> timed = new ArrayList<>(List.of(SOURCE_OPERATOR));
    timed.addAll(WATERMARK_PATH);
    try (JobProbe probe = new JobProbe(JobLauncher.JOB_NAME, SOURCE_OPERATOR, Long.MAX_VALUE, firstMinute, timed);
        VisibilityProbe visibility = new VisibilityProbe(elasticsearch, firstMinute)) {
      JobClient job = JobLauncher.start(options, reporters());
      awaitSourceRunning(job, probe);
      SimulatorProfile profile = SimulatorProfile.defaults().withEventsPerSecond(rate);
      long sent;
      long startNanos = System.nanoTime();
      double cpuBefore = jobCpuSeconds(probe.cpuSecondsByThread());
      try (SimulatorRunner simulator =
          SimulatorRunner.start(kafka, LIVE_TOPIC, new EventSimulator(profile, settings.seed(), Instant.now()), rate)) {
        ProgressBar bar = new ProgressBar(out, "live");
        long total = duration.toSeconds();
        while (System.nanoTime() - startNanos < duration.toNanos()) {
          if (simulator.firstFailure() != null) {
            throw new IllegalStateException("the simulator could not publish: " + simulator.firstFailure(), simulator.firstFailure());
          }
          if (job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
            throw new IllegalStateException("the live job stopped after " + probe.recordsRead() + " events; see the log for why");
          }
          bar.update((System.nanoTime() - startNanos) / 1_000_000_000L, total);
          Thread.sleep(100);
        }
        bar.finish(total, total);
        simulator.stop();
        sent = simulator.eventsSent();
      }
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double cpuSeconds = jobCpuSeconds(probe.cpuSecondsByThread()) - cpuBefore;
      long behindAtEnd = sent - probe.recordsRead();
      long drainDeadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
      while (probe.recordsRead() < sent && System.nanoTime() < drainDeadline) {
        Thread.sleep(100);
      }
      awaitSettled(visibility);
      long read = probe.recordsRead();
      job.cancel().get(2, TimeUnit.MINUTES);
      probe.close();
      BenchReport.Freshness freshness =
          freshness(probe.watermarkPassed(SOURCE_OPERATOR), probe.watermarkPassed(INDICATOR_OPERATOR), visibility.firstSeen());
      List<BenchReport.WatermarkLag> lags = new ArrayList<>();
      for (String operator : WATERMARK_PATH) {
        lags.add(watermarkLag(operator, probe.watermarkPassed(SOURCE_OPERATOR), probe.watermarkPassed(operator)));
      }
      return new BenchReport.Live(
          rate, seconds, sent, read, Math.max(0, behindAtEnd), sent / seconds, cpuSeconds / seconds,
          rate / catchUp.eventsPerSecond(), freshness, lags, ElasticsearchSinkSettings.defaults().maxTimeInBuffer().toMillis(),
          "A fresh run of the full job on its own topic while the simulator publishes to it at the rate, event time "
              + "keeping pace with the clock; freshness as for the catch-up. coresUsed is the job's CPU seconds "
              + "(its threads in this JVM; Kafka and Elasticsearch run in child JVMs) over the wall seconds.");
    }
  }

  /** How long after the source's watermark passed each minute's end the operator's did: p50 and p99. */
  private static BenchReport.WatermarkLag watermarkLag(String operator, Map<Long, Long> atSource, Map<Long, Long> atOperator) {
    List<Long> lags = new ArrayList<>();
    atOperator.forEach((minuteEnd, passedAt) -> {
      Long sourcePassed = atSource.get(minuteEnd);
      if (sourcePassed != null) {
        lags.add(millis(passedAt - sourcePassed));
      }
    });
    return new BenchReport.WatermarkLag(operator, lags.size(), percentile(lags, 50), percentile(lags, 99));
  }

  /** Waits until the job's source subtasks run (their metrics exist), so that nothing is published before. */
  private static void awaitSourceRunning(JobClient job, JobProbe probe) throws Exception {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (!probe.sourceRunning()) {
      if (System.nanoTime() > deadline || job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
        throw new IllegalStateException("the live job did not start within " + SETTLE_LIMIT.toSeconds() + " s; see the log");
      }
      Thread.sleep(100);
    }
  }

  /** CPU seconds of the job's threads: all but the benchmark's own and {@code main}. */
  private static double jobCpuSeconds(Map<String, Double> byThread) {
    return byThread.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("bench-") && !e.getKey().equals("main") && !e.getKey().startsWith("simulator-")
            && !e.getKey().startsWith("kafka-producer-network-thread | channelwatch-simulator"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** Waits until the job's source has read every one of its {@code events}, showing a progress bar. */
  private void awaitAllRead(JobClient job, JobProbe probe, String label, long events) throws Exception {
    ProgressBar bar = new ProgressBar(out, label);
    long lastProgress = System.nanoTime();
    long lastRead = -1;
    long lastStatusCheck = 0;
    while (!probe.allRead()) {
      long read = probe.recordsRead();
      long now = System.nanoTime();
      if (read != lastRead) {
        lastRead = read;
        lastProgress = now;
      } else if (now - lastProgress > STALL_LIMIT.toNanos()) {
        if (System.getenv("CHANNELWATCH_BENCH_DUMP_METRICS") != null) {
          BenchMetrics.describe(probe.jobName()).forEach(out::println);
        }
        job.cancel();
        throw new IllegalStateException(
            label + " read nothing for " + STALL_LIMIT.toMinutes() + " minutes after " + read + " events; see the log");
      }
      if (now - lastStatusCheck > 1_000_000_000L) {
        lastStatusCheck = now;
        if (job.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
          throw new IllegalStateException(label + " stopped after " + read + " events; see the log for why");
        }
      }
      bar.update(read, events);
      Thread.sleep(100);
    }
    bar.finish(probe.recordsRead(), events);
  }

  /** Waits until no new per-minute document has become searchable for a few seconds. */
  private static void awaitSettled(VisibilityProbe visibility) throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    int seen = -1;
    long stableSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      int now = visibility.firstSeen().size();
      if (now != seen) {
        seen = now;
        stableSince = System.nanoTime();
      } else if (System.nanoTime() - stableSince > SETTLE.toNanos()) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private BenchReport.JobFigures figures(String job, JobProbe probe, ProcessCpu.Usage processCpu) {
    List<JobProbe.Checkpoint> checkpoints = probe.checkpoints();
    long[] durations = checkpoints.stream().mapToLong(JobProbe.Checkpoint::durationMillis).toArray();
    JobProbe.Checkpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    return new BenchReport.JobFigures(
        job, probe.wholeRunRate(), probe.steadyRate(), probe.secondsFromFirstToLast(),
        new BenchReport.Checkpoints(
            checkpoints.size(), Percentiles.nearestRank(durations, durations.length, 50),
            Percentiles.nearestRank(durations, durations.length, 100), last == null ? null : last.fullBytes(),
            last == null ? null : last.checkpointedBytes()),
        probe.peakHeapUsed() >> 20, probe.peakHeapAfterGc() >> 20, cpuMicros(probe), probe.cpuSecondsByThread(),
        processCpu.microsPerEvent(), processCpu.byKindMicrosPerEvent());
  }

  /**
   * CPU of the job's threads per event: the benchmark's own threads and {@code main} left out.
   * Unnamed {@code Thread-N} stay in, since libraries of the job start such threads.
   */
  private double cpuMicros(JobProbe probe) {
    return jobCpuSeconds(probe.cpuSecondsByThread()) * 1e6 / settings.events();
  }

  /**
   * Freshness of each per-minute document found: from the moment the job's watermark (the smallest
   * of its source subtasks') passed the end of the document's window to the first search that found
   * the document.
   */
  static BenchReport.Freshness freshness(Map<Long, Long> sourcePassed, Map<Long, Long> indicatorPassed, Map<String, Long> seen) {
    List<Long> total = new ArrayList<>();
    List<Long> inJob = new ArrayList<>();
    List<Long> afterJob = new ArrayList<>();
    for (Map.Entry<String, Long> document : seen.entrySet()) {
      long windowEnd = VisibilityProbe.windowStartOf(document.getKey()) + Windows.SIZE_MILLIS;
      Long atSource = sourcePassed.get(windowEnd);
      Long atIndicator = indicatorPassed.get(windowEnd);
      if (atSource == null || atIndicator == null) {
        continue;
      }
      total.add(millis(document.getValue() - atSource));
      inJob.add(millis(atIndicator - atSource));
      afterJob.add(millis(document.getValue() - atIndicator));
    }
    return new BenchReport.Freshness(
        total.size(), percentile(total, 50), percentile(total, 99), percentile(total, 100), percentile(inJob, 50),
        percentile(inJob, 99), percentile(afterJob, 50), percentile(afterJob, 99),
        JobProbe.PERIOD_MILLIS + VisibilityProbe.PERIOD_MILLIS,
        "Flink's currentOutputWatermark of the source subtasks, sampled every " + JobProbe.PERIOD_MILLIS
            + " ms, gives when the job's watermark passed each window end; searching Elasticsearch every "
            + VisibilityProbe.PERIOD_MILLIS + " ms gives when each per-minute document became searchable");
  }

  private static long millis(long nanos) {
    return Math.round(nanos / 1e6);
  }

  private static Long percentile(List<Long> values, int p) {
    return Percentiles.nearestRank(values.stream().mapToLong(Long::longValue).toArray(), values.size(), p);
  }

  /** State per remembered id, item-channel and case, from the canonical savepoint. */
  private BenchReport.State state(Path savepoint, long rememberedIds) throws Exception {
    Map<String, StateCensus.OperatorFigures> census =
        StateCensus.of(
            savepoint,
            List.of(
                ChannelWatchJob.Uids.DEDUPLICATE, DetectionGraph.Uids.AVAILABILITY, DetectionGraph.Uids.SILENCE,
                DetectionGraph.Uids.GUIDES, DetectionGraph.Uids.CASES, DetectionGraph.Uids.RESUBMISSIONS,
                IndicatorGraph.Uids.REGION_INDICATORS));
    StateCensus.OperatorFigures dedup = census.get(ChannelWatchJob.Uids.DEDUPLICATE);
    StateCensus.OperatorFigures guides = census.get(DetectionGraph.Uids.GUIDES);
    StateCensus.OperatorFigures cases = census.get(DetectionGraph.Uids.CASES);
    StateCensus.OperatorFigures resubmissions = census.get(DetectionGraph.Uids.RESUBMISSIONS);
    StateCensus.OperatorFigures indicators = census.get(IndicatorGraph.Uids.REGION_INDICATORS);

    long ids = rememberedIds;
    long itemChannels = guides.entries("publications");
    long itemChannelBytes = guides.bytes() + indicators.bytes("catalog-items", "catalog-figures");
    long trackedCases = cases.entries("case-record");
    long caseBytes =
        cases.bytes() + resubmissions.bytes() + indicators.bytes("cases", "case-ids-by-applicant-and-item", "ended-case-ids");
    long openCases = indicators.entries("cases");
    long openCaseBytes = indicators.bytes("cases", "case-ids-by-applicant-and-item");

    List<BenchReport.OperatorState> operators = new ArrayList<>();
    census.values().forEach(o -> operators.add(
        new BenchReport.OperatorState(o.uid(), o.handleBytes(), o.rawKeyedBytes(), o.bytes(), List.copyOf(o.states().values()))));
    return new BenchReport.State(
        ids, per(dedup.bytes() + dedup.rawKeyedBytes(), ids), itemChannels, per(itemChannelBytes, itemChannels), trackedCases,
        per(caseBytes, trackedCases), openCases, per(openCaseBytes, openCases), operators,
        "A canonical savepoint taken once every event was read, read back with Flink's own restore code: "
            + "every entry's serialised key and value, timers included. Per remembered id: all of "
            + ChannelWatchJob.Uids.DEDUPLICATE + " (its own raw keyed state and any keyed state) over the ids it "
            + "remembered then (its " + Metrics.REMEMBERED_EVENT_IDS + " gauges). Per item-channel: all of "
            + DetectionGraph.Uids.GUIDES + " plus the catalog states of " + IndicatorGraph.Uids.REGION_INDICATORS
            + ", over the publications entries (one per item and channel). Per tracked case: all of "
            + DetectionGraph.Uids.CASES + " and " + DetectionGraph.Uids.RESUBMISSIONS
            + " plus the case states of " + IndicatorGraph.Uids.REGION_INDICATORS + ", over the case-record entries. "
            + "Per open case: the indicators' cases and case-ids-by-applicant-and-item over the cases entries.");
  }

  private static Double per(long bytes, long count) {
    return count == 0 ? null : bytes / (double) count;
  }

  private BenchReport report(
      double[] loadBefore, EventLoader.Loaded loaded, JobRun baseline, FullRun full, BenchReport.Live live) {
    BenchReport.Ratio ratio =
        new BenchReport.Ratio(
            full.figures().eventsPerSecond() / baseline.figures().eventsPerSecond(),
            full.figures().steadyEventsPerSecond() / baseline.figures().steadyEventsPerSecond());
    List<BenchReport.Target> targets =
        List.of(
            target("full job / baseline events per second", ">= 0.5", ratio.wholeRun(), ratio.wholeRun() >= 0.5),
            target("freshness p99 at the live rate (ms)", "<= 2000", live == null ? null : asDouble(live.freshness().p99Millis()),
                live != null && live.freshness().p99Millis() != null && live.freshness().p99Millis() <= 2000),
            target("bytes per remembered event id", "<= 200", full.state().bytesPerRememberedEventId(),
                full.state().bytesPerRememberedEventId() != null && full.state().bytesPerRememberedEventId() <= 200),
            target("bytes per tracked item-channel", "<= 1024", full.state().bytesPerTrackedItemChannel(),
                full.state().bytesPerTrackedItemChannel() != null && full.state().bytesPerTrackedItemChannel() <= 1024));
    double[] loadAfter = loadAverage();
    if (loadBefore != null && loadBefore[0] > Runtime.getRuntime().availableProcessors()) {
      notes.add("the machine was busy before the run (load " + loadBefore[0] + "): absolute figures are noisy; ratios less so");
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BenchReport.Machine machine =
        new BenchReport.Machine(
            Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() >> 20,
            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
            System.getProperty("os.name") + " " + System.getProperty("os.version"), loadBefore, loadAfter);
    return new BenchReport(
        machine,
        new BenchReport.Settings(
            settings.events(), settings.warmupEvents(), settings.parallelism(), settings.parallelism(),
            settings.eventsPerEventTimeSecond(),
            settings.seed(), settings.stateBackend(), settings.checkpointInterval().toString(),
            settings.liveEventsPerSecond(), settings.liveDuration().toString()),
        new BenchReport.Load(
            loaded.events(), loaded.seconds(), loaded.events() / loaded.seconds(), loaded.firstEventTime().toString(),
            loaded.lastEventTime().toString(), Duration.between(loaded.firstEventTime(), loaded.lastEventTime()).toSeconds() / 60.0,
            loaded.byType()),
        baseline.figures(), full.figures(), ratio, full.freshness(), live, full.state(), targets, notes);
  }

  private static BenchReport.Target target(String name, String limit, Double value, boolean holds) {
    return new BenchReport.Target(name, limit, value, holds);
  }

  private static Double asDouble(Long value) {
    return value == null ? null : value.doubleValue();
  }

  /** The 1, 5 and 15 minute load averages, or null where the system does not tell. */
  static double[] loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
    } catch (IOException | RuntimeException e) {
      double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return one < 0 ? null : new double[] {one, Double.NaN, Double.NaN};
    }
  }

  /** Deletes an earlier run's directory, but only one that looks like ours. */
  private static void clean(Path dataDir) throws IOException {
    if (!Files.exists(dataDir)) {
      return;
    }
    List<String> ours =
        List.of(
            "stack", "checkpoints-full", "checkpoints-baseline", "checkpoints-live", "checkpoints-warmup-full",
            "checkpoints-warmup-baseline", "savepoints", "logs", "report.json");
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (!entries.allMatch(p -> ours.contains(p.getFileName().toString()))) {
        throw new IllegalArgumentException(
            dataDir + " holds files the benchmark did not make; delete it yourself or choose another --data-dir");
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.equals(dataDir) && !file.startsWith(dataDir.resolve("logs"))) {
          Files.delete(file);
        }
      }
    }
  }
}
