package org.channelwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.channelwatch.indicators.Windows;

/**
 * Watches one running job through its metrics, every few milliseconds in a thread of its own: the
 * records its source has read, when its watermarks pass each minute's end, its checkpoints, and
 * this JVM's heap.
 *
 * <p>Reading a metric costs next to nothing, so a short period keeps the timing error small: each
 * time is that of the first sample that saw the change, at most one period late.
 */
final class JobProbe implements AutoCloseable {
  static final long PERIOD_MILLIS = 10;
  private static final long HEAP_EVERY_SAMPLES = 10;
  private static final long CHECKPOINTS_EVERY_SAMPLES = 10;
  private static final long CPU_EVERY_SAMPLES = 100;

  /** One completed checkpoint, as Flink's job metrics report it. */
  record Checkpoint(long durationMillis, long checkpointedBytes, long fullBytes) {}

  private final String jobName;
  private final String sourceOperator;
  private final long expectedRecords;
  private final Map<String, WatermarkLog> watermarks = new TreeMap<>();
  private final Thread thread;
  private final ThreadCpu cpu = new ThreadCpu();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private final Map<String, Lookup> lookups = new java.util.HashMap<>();
  private volatile boolean stopping;

  private volatile long recordsRead;
  private long firstRecordNanos = -1;
  private long tenPercentNanos = -1;
  private long ninetyPercentNanos = -1;
  private long lastRecordNanos = -1;
  private long completedCheckpoints;
  private long peakHeapUsed;
  private long peakHeapAfterGc;

  /**
   * @param firstMinuteStart the start of the first minute whose end is to be timed
   * @param watermarkOperators operators (by part of their name) whose watermark is timed; the first
   *     is taken as the job's: the smallest output watermark of its subtasks
   */
  JobProbe(String jobName, String sourceOperator, long expectedRecords, long firstMinuteStart, List<String> watermarkOperators) {
    this.jobName = jobName;
    this.sourceOperator = sourceOperator;
    this.expectedRecords = expectedRecords;
    for (String operator : watermarkOperators) {
      watermarks.put(operator, new WatermarkLog(firstMinuteStart));
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    this.thread = new Thread(this::run, "bench-probe-" + jobName);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    long samples = 0;
    while (!stopping) {
      long now = System.nanoTime();
      sampleRecords(now);
      watermarks.forEach((operator, log) -> log.observe(watermark(operator), now));
      sampleCheckpoints(samples);
      if (samples % HEAP_EVERY_SAMPLES == 0) {
        sampleHeap();
      }
      if (samples % CPU_EVERY_SAMPLES == 0) {
        cpu.sample();
      }
      samples++;
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long watermark(String operator) {
    long output = BenchMetrics.gaugeMin(metrics("currentOutputWatermark", operator));
    return output != Long.MIN_VALUE ? output : BenchMetrics.gaugeMin(metrics("currentInputWatermark", operator));
  }

  /**
   * The metrics of this job with that name and operator; looked up again once a second, as subtasks
   * register theirs at different times, so that sampling stays cheap in between. Until some are
   * found, looked up at every sample: a second's wait there let a short run read every record
   * before its first sample, leaving no time to measure.
   */
  private List<BenchMetrics.Registered> metrics(String name, String operator) {
    String key = name + "|" + operator;
    Lookup lookup = lookups.get(key);
    long now = System.nanoTime();
    if (lookup == null || lookup.found().isEmpty() || now - lookup.atNanos() > 1_000_000_000L) {
      lookup = new Lookup(BenchMetrics.find(jobName, name, operator), now);
      lookups.put(key, lookup);
    }
    return lookup.found();
  }

  private record Lookup(List<BenchMetrics.Registered> found, long atNanos) {}

  private Long jobGauge(String name) {
    return BenchMetrics.jobGauge(metrics(name, null));
  }

  private synchronized void sampleRecords(long now) {
    long read = BenchMetrics.counterSum(metrics("numRecordsOut", sourceOperator));
    recordsRead = read;
    if (read > 0 && firstRecordNanos < 0) {
      firstRecordNanos = now;
    }
    if (read >= expectedRecords / 10 && tenPercentNanos < 0) {
      tenPercentNanos = now;
    }
    if (read >= expectedRecords * 9 / 10 && ninetyPercentNanos < 0) {
      ninetyPercentNanos = now;
    }
    if (read >= expectedRecords && lastRecordNanos < 0) {
      lastRecordNanos = now;
    }
  }

  private synchronized void sampleCheckpoints(long sample) {
    if (sample % CHECKPOINTS_EVERY_SAMPLES != 0) {
      return;
    }
    Long completed = jobGauge("numberOfCompletedCheckpoints");
    if (completed == null || completed <= completedCheckpoints) {
      return;
    }
    completedCheckpoints = completed;
    Long duration = jobGauge("lastCheckpointDuration");
    Long size = jobGauge("lastCheckpointSize");
    Long fullSize = jobGauge("lastCheckpointFullSize");
    checkpoints.add(
        new Checkpoint(duration == null ? -1 : duration, size == null ? -1 : size, fullSize == null ? -1 : fullSize));
  }

  private synchronized void sampleHeap() {
    long used = 0;
    long afterGc = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
        if (pool.getCollectionUsage() != null) {
          afterGc += pool.getCollectionUsage().getUsed();
        }
      }
    }
    peakHeapUsed = Math.max(peakHeapUsed, used);
    peakHeapAfterGc = Math.max(peakHeapAfterGc, afterGc);
  }

  String jobName() {
    return jobName;
  }

  long recordsRead() {
    return recordsRead;
  }

  /** Whether the source's subtasks have registered their metrics: they run. */
  boolean sourceRunning() {
    return !metrics("numRecordsOut", sourceOperator).isEmpty();
  }

  boolean allRead() {
    return recordsRead >= expectedRecords;
  }

  /** Records per second from the first record read to the last. */
  synchronized double wholeRunRate() {
    return rate(firstRecordNanos, lastRecordNanos, expectedRecords);
  }

  /** Records per second from the 10 % mark to the 90 % mark: without start-up and the end. */
  synchronized double steadyRate() {
    return rate(tenPercentNanos, ninetyPercentNanos, expectedRecords * 9 / 10 - expectedRecords / 10);
  }

  synchronized double secondsFromFirstToLast() {
    return lastRecordNanos < 0 || firstRecordNanos < 0 ? Double.NaN : (lastRecordNanos - firstRecordNanos) / 1e9;
  }

  private static double rate(long fromNanos, long toNanos, long records) {
    return fromNanos < 0 || toNanos <= fromNanos ? Double.NaN : records / ((toNanos - fromNanos) / 1e9);
  }

  synchronized List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  synchronized long peakHeapUsed() {
    return peakHeapUsed;
  }

  synchronized long peakHeapAfterGc() {
    return peakHeapAfterGc;
  }

  /** When (System.nanoTime) the watermark of {@code operator} passed the end of each minute, by minute end. */
  Map<Long, Long> watermarkPassed(String operator) {
    return watermarks.get(operator).passed();
  }

  @Override
  public void close() {
    stopping = true;
    stop(thread);
    sampleHeap();
    cpu.sample();
  }

  /** Stops a probe's sampling thread and waits a little for it. */
  static void stop(Thread sampler) {
    sampler.interrupt();
    try {
      sampler.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** CPU seconds of each of this JVM's threads while the job ran, by thread name without subtask. */
  Map<String, Double> cpuSecondsByThread() {
    return cpu.secondsByName();
  }

  /** When a watermark passed each minute's end; a minute passes when the watermark is at its last millisecond. */
  static final class WatermarkLog {
    private final TreeMap<Long, Long> passedAtByMinuteEnd = new TreeMap<>();
    private long nextMinuteEnd;

    WatermarkLog(long firstMinuteStart) {
      this.nextMinuteEnd = Windows.startOf(firstMinuteStart) + Windows.SIZE_MILLIS;
    }

    synchronized void observe(long watermark, long nowNanos) {
      while (watermark != Long.MIN_VALUE && nextMinuteEnd - 1 <= watermark && watermark != Long.MAX_VALUE) {
        passedAtByMinuteEnd.put(nextMinuteEnd, nowNanos);
        nextMinuteEnd += Windows.SIZE_MILLIS;
      }
    }

    synchronized Map<Long, Long> passed() {
      return new TreeMap<>(passedAtByMinuteEnd);
    }
  }
}
