package org.channelwatch.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.channelwatch.connectors.local.LocalStack;

/**
 * CPU time of whole processes during a run: this JVM, with the native threads ({@link ThreadCpu}
 * cannot see RocksDB's flushes and compactions) and the garbage collector, and the local
 * Elasticsearch node and Kafka broker. On a machine of two cores, what those use is not left to the
 * job, so it belongs in any account of where a run's time went.
 */
final class ProcessCpu {
  static final String THIS_JVM = "this JVM";
  static final String ELASTICSEARCH = "Elasticsearch";
  static final String KAFKA = "Kafka";

  private final Map<String, ProcessHandle> processes;
  private final Map<String, Duration> atStart = new LinkedHashMap<>();

  private ProcessCpu(Map<String, ProcessHandle> processes) {
    this.processes = processes;
    processes.forEach((name, process) -> atStart.put(name, cpu(process)));
  }

  /** Starts counting now, for this JVM and the stack's Elasticsearch node and Kafka broker. */
  static ProcessCpu start(LocalStack services) {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    processes.put(THIS_JVM, ProcessHandle.current());
    ProcessHandle.of(services.elasticsearch().process().pid()).ifPresent(p -> processes.put(ELASTICSEARCH, p));
    ProcessHandle.of(services.kafka().process().pid()).ifPresent(p -> processes.put(KAFKA, p));
    return new ProcessCpu(processes);
  }

  /** Microseconds of CPU each process used since the start, per event; a process the OS gives no figure for is left out. */
  Map<String, Double> microsPerEvent(long events) {
    Map<String, Double> perEvent = new LinkedHashMap<>();
    processes.forEach((name, process) -> {
      Duration now = cpu(process);
      Duration before = atStart.get(name);
      if (!now.isNegative() && !before.isNegative()) {
        perEvent.put(name, Math.round((now.minus(before).toNanos() / 1e3 / events) * 10) / 10.0);
      }
    });
    return perEvent;
  }

  /** Negative when the OS does not say. */
  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ofNanos(-1));
  }
}
