package org.channelwatch.job;

import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Collects the job's own counters for the command line's progress line.
 *
 * <p>Only meaningful when the job runs in this JVM (the MiniCluster of {@code demo} and {@code
 * run}); on a real cluster each TaskManager has its own instance and the command line reads
 * nothing from it.
 */
public final class ProgressReporter implements MetricReporter {

  private static final Set<Counter> ACCEPTED = ConcurrentHashMap.newKeySet();
  private static final Set<Counter> DUPLICATES = ConcurrentHashMap.newKeySet();
  private static final Map<String, Set<Counter>> DEAD_LETTERS_BY_REASON = new ConcurrentHashMap<>();

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (metric instanceof Counter counter) {
      if (Metrics.EVENTS_ACCEPTED.equals(name)) {
        ACCEPTED.add(counter);
      } else if (Metrics.DUPLICATES.equals(name)) {
        DUPLICATES.add(counter);
      } else if (Metrics.DEAD_LETTERS.equals(name)) {
        String reason = group.getAllVariables().getOrDefault("<" + Metrics.DEAD_LETTERS_GROUP + ">", "unknown");
        DEAD_LETTERS_BY_REASON.computeIfAbsent(reason, r -> ConcurrentHashMap.newKeySet()).add(counter);
      }
    }
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    // Keep counting a finished task's counters: the totals are of the whole run.
  }

  /** Valid events taken in since this JVM started. */
  public static long eventsAccepted() {
    return ACCEPTED.stream().mapToLong(Counter::getCount).sum();
  }

  /** Repeated deliveries dropped since this JVM started. */
  public static long duplicates() {
    return DUPLICATES.stream().mapToLong(Counter::getCount).sum();
  }

  /** Records sent to dead letters since this JVM started, by reason; reasons with none left out. */
  public static Map<String, Long> deadLettersByReason() {
    Map<String, Long> counts = new TreeMap<>();
    DEAD_LETTERS_BY_REASON.forEach(
        (reason, counters) -> {
          long count = counters.stream().mapToLong(Counter::getCount).sum();
          if (count > 0) {
            counts.put(reason, count);
          }
        });
    return counts;
  }

  /** Flink instantiates reporters through a factory named in the configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new ProgressReporter();
    }
  }
}
