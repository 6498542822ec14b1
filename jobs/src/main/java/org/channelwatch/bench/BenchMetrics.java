package org.channelwatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Hands the benchmark every metric of the jobs it runs on a MiniCluster in this JVM: Flink's own
 * (records read, watermarks, checkpoints) and the job's.
 *
 * <p>Flink creates reporters through a factory named in the configuration, so the metrics are kept
 * in a static registry; thread-safe. A metric is forgotten when Flink removes it (its job ended).
 */
public final class BenchMetrics implements MetricReporter {

  /** Name of the reporter in the Flink configuration. */
  public static final String REPORTER = "bench";

  /** One registered metric with the scope variables of its group, such as {@code <job_name>}. */
  record Registered(Metric metric, String name, Map<String, String> variables) {
    String variable(String key) {
      return variables.getOrDefault("<" + key + ">", "");
    }
  }

  private static final Map<Metric, Registered> METRICS = new ConcurrentHashMap<>();

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    METRICS.put(metric, new Registered(metric, name, Map.copyOf(group.getAllVariables())));
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
    METRICS.remove(metric);
  }

  /** Every metric of job {@code jobName} called {@code name} whose operator name contains {@code operator}. */
  static List<Registered> find(String jobName, String name, String operator) {
    List<Registered> found = new ArrayList<>();
    for (Registered registered : METRICS.values()) {
      if (registered.name().equals(name)
          && registered.variable("job_name").equals(jobName)
          && (operator == null || registered.variable("operator_name").contains(operator))) {
        found.add(registered);
      }
    }
    return found;
  }

  /** The sum of the counters {@link #find} finds; 0 when there are none yet. */
  static long counterSum(String jobName, String name, String operator) {
    return counterSum(find(jobName, name, operator));
  }

  static long counterSum(List<Registered> found) {
    long sum = 0;
    for (Registered registered : found) {
      if (registered.metric() instanceof Counter counter) {
        sum += counter.getCount();
      }
    }
    return sum;
  }

  /**
   * The smallest value of the numeric gauges {@link #find} finds, as the job's watermark is the
   * smallest of its subtasks'; {@link Long#MIN_VALUE} when there are none yet.
   */
  static long gaugeMin(String jobName, String name, String operator) {
    return gaugeMin(find(jobName, name, operator));
  }

  static long gaugeMin(List<Registered> found) {
    long min = Long.MAX_VALUE;
    boolean any = false;
    for (Registered registered : found) {
      if (registered.metric() instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
        min = Math.min(min, value.longValue());
        any = true;
      }
    }
    return any ? min : Long.MIN_VALUE;
  }

  /** The sum over subtasks of a counter or numeric gauge of any operator; 0 when there is none. */
  static long counterOrGaugeSum(String jobName, String name) {
    long sum = 0;
    for (Registered registered : find(jobName, name, null)) {
      if (registered.metric() instanceof Counter counter) {
        sum += counter.getCount();
      } else if (registered.metric() instanceof Gauge<?> gauge && gauge.getValue() instanceof Number value) {
        sum += value.longValue();
      }
    }
    return sum;
  }

  /** A job-level gauge (no operator), such as {@code lastCheckpointDuration}; null while absent. */
  static Long jobGauge(String jobName, String name) {
    return jobGauge(find(jobName, name, null));
  }

  static Long jobGauge(List<Registered> found) {
    for (Registered registered : found) {
      if (registered.variable("operator_name").isEmpty()
          && registered.metric() instanceof Gauge<?> gauge
          && gauge.getValue() instanceof Number value) {
        return value.longValue();
      }
    }
    return null;
  }

  /** Names of every metric of a job with its operator, for finding the right one by hand. */
  static List<String> describe(String jobName) {
    List<String> names = new ArrayList<>();
    for (Registered registered : METRICS.values()) {
      if (registered.variable("job_name").equals(jobName)) {
        names.add(registered.variable("operator_name") + " / " + registered.name());
      }
    }
    names.sort(null);
    return names;
  }

  /** Flink instantiates reporters through a factory named in the configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new BenchMetrics();
    }
  }
}
