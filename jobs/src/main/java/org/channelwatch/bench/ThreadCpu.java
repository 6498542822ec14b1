package org.channelwatch.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time each thread of this JVM used since the probe started, for a breakdown of where a job's
 * time goes that does not depend on how busy the machine was: CPU time, unlike wall time, is what
 * the threads themselves used. Native threads outside the JVM (RocksDB's background flushes and
 * compactions) are not counted.
 */
final class ThreadCpu {
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startNanos = new HashMap<>();
  private final Map<Long, Long> latestNanos = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();

  ThreadCpu() {
    for (long id : threads.getAllThreadIds()) {
      long cpu = threads.getThreadCpuTime(id);
      if (cpu >= 0) {
        startNanos.put(id, cpu);
      }
    }
  }

  /** Notes every live thread's CPU time so far; threads that end keep their last figure. */
  synchronized void sample() {
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = threads.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        latestNanos.put(info.getThreadId(), cpu);
        names.put(info.getThreadId(), info.getThreadName().replaceAll(" \\(\\d+/\\d+\\)(#\\d+)?", ""));
      }
    }
  }

  /** CPU seconds by thread name (subtasks of one task summed), largest first. */
  synchronized Map<String, Double> secondsByName() {
    Map<String, Double> byName = new HashMap<>();
    latestNanos.forEach(
        (id, cpu) -> byName.merge(names.get(id), (cpu - startNanos.getOrDefault(id, 0L)) / 1e9, Double::sum));
    Map<String, Double> sorted = new LinkedHashMap<>();
    byName.entrySet().stream()
        .filter(e -> e.getValue() >= 0.01)
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), Math.round(e.getValue() * 100) / 100.0));
    return sorted;
  }
}
