package org.channelwatch.job;

import java.util.Properties;
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
  private static final Set<Counter> DEAD_LETTERS = ConcurrentHashMap.newKeySet();

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    if (metric instanceof Counter counter) {
      if (Metrics.EVENTS_ACCEPTED.equals(name)) {
        ACCEPTED.add(counter);
      } else if (Metrics.DEAD_LETTERS.equals(name)) {
        DEAD_LETTERS.add(counter);
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

  /** Records sent to dead letters since this JVM started. */
  public static long deadLetters() {
    return DEAD_LETTERS.stream().mapToLong(Counter::getCount).sum();
  }

  /** Flink instantiates reporters through a factory named in the configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new ProgressReporter();
    }
  }
}
