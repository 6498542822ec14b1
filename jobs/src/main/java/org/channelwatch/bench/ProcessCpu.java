package org.channelwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.channelwatch.connectors.local.LocalStack;

/**
 * CPU time of whole processes during a run: this JVM, with the native threads ({@link ThreadCpu}
 * cannot see RocksDB's flushes and compactions) and the garbage collector, and the local
 * Elasticsearch node and Kafka broker. On a machine of two cores, what those use is not left to the
 * job, so it belongs in any account of where a run's time went.
 *
 * <p>Each process is also split by kind of thread ({@link ThreadKind}), read from the kernel's
 * per-thread figures, because the JVM's own work (garbage collection, the JIT compiler) is where the
 * time outside the job's threads goes, and neither {@code ThreadMXBean} nor the process total shows it.
 */
final class ProcessCpu {
  static final String THIS_JVM = "this JVM";
  static final String ELASTICSEARCH = "Elasticsearch";
  static final String KAFKA = "Kafka";

  /** Linux's USER_HZ, the unit of {@code /proc/.../stat}'s times; 100 on every architecture Java runs on. */
  private static final double TICKS_PER_SECOND = 100;

  /** What a thread does, from its name as the kernel knows it (at most 15 characters). */
  enum ThreadKind {
    GARBAGE_COLLECTION("GC and safepoints"),
    JIT_COMPILER("JIT compiler"),
    ROCKSDB("RocksDB native"),
    REST("other threads");

    final String label;

    ThreadKind(String label) {
      this.label = label;
    }

    static ThreadKind of(String threadName) {
      // HotSpot's own thread names: G1 ("GC Thread#0", "G1 Conc#0", "G1 Refine#0", "G1 Main Marker",
      // "G1 Service"), Parallel ("GC Thread#0"), and the VM thread that runs every safepoint operation.
      if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ") || threadName.equals("VM Thread")) {
        return GARBAGE_COLLECTION;
      }
      if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
        return JIT_COMPILER;
      }
      if (threadName.startsWith("rocksdb:")) {
        return ROCKSDB;
      }
      return REST;
    }
  }

  private final Map<String, ProcessHandle> processes;
  private final Map<String, Duration> atStart = new LinkedHashMap<>();
  private final Map<String, Map<ThreadKind, Double>> kindsAtStart = new LinkedHashMap<>();

  private ProcessCpu(Map<String, ProcessHandle> processes) {
    this.processes = processes;
    processes.forEach((name, process) -> {
      atStart.put(name, cpu(process));
      kindsAtStart.put(name, secondsByKind(process.pid()));
    });
  }

  /** Starts counting now, for this JVM and the stack's Elasticsearch node and Kafka broker. */
  static ProcessCpu start(LocalStack services) {
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    processes.put(THIS_JVM, ProcessHandle.current());
    ProcessHandle.of(services.elasticsearch().process().pid()).ifPresent(p -> processes.put(ELASTICSEARCH, p));
    ProcessHandle.of(services.kafka().process().pid()).ifPresent(p -> processes.put(KAFKA, p));
    return new ProcessCpu(processes);
  }

  /** The CPU each process used since the start, per event, whole and by kind of thread. */
  record Usage(Map<String, Double> microsPerEvent, Map<String, Map<String, Double>> byKindMicrosPerEvent) {}

  /**
   * Microseconds of CPU each process used since the start, per event; a process the OS gives no
   * figure for is left out, and so is the split by kind where the OS has no per-thread figures.
   * {@link ThreadKind#REST} is the process's total less the other kinds, so threads that ended
   * during the run are in it.
   */
  Usage microsPerEvent(long events) {
    Map<String, Double> perEvent = new LinkedHashMap<>();
    Map<String, Map<String, Double>> byKind = new LinkedHashMap<>();
    processes.forEach((name, process) -> {
      Duration now = cpu(process);
      Duration before = atStart.get(name);
      if (now.isNegative() || before.isNegative()) {
        return;
      }
      double totalSeconds = now.minus(before).toNanos() / 1e9;
      perEvent.put(name, perEvent(totalSeconds, events));
      Map<ThreadKind, Double> kindsBefore = kindsAtStart.get(name);
      Map<ThreadKind, Double> kindsNow = secondsByKind(process.pid());
      if (kindsBefore.isEmpty() || kindsNow.isEmpty()) {
        return;
      }
      Map<String, Double> split = new LinkedHashMap<>();
      double accounted = 0;
      for (ThreadKind kind : ThreadKind.values()) {
        if (kind != ThreadKind.REST) {
          double seconds = Math.max(0, kindsNow.getOrDefault(kind, 0.0) - kindsBefore.getOrDefault(kind, 0.0));
          accounted += seconds;
          split.put(kind.label, perEvent(seconds, events));
        }
      }
      split.put(ThreadKind.REST.label, perEvent(Math.max(0, totalSeconds - accounted), events));
      byKind.put(name, split);
    });
    return new Usage(perEvent, byKind);
  }

  private static double perEvent(double seconds, long events) {
    return Math.round(seconds * 1e6 / events * 10) / 10.0;
  }

  /** Negative when the OS does not say. */
  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ofNanos(-1));
  }

  /** CPU seconds of the process's living threads by kind; empty where there is no {@code /proc}. */
  static Map<ThreadKind, Double> secondsByKind(long pid) {
    Map<ThreadKind, Double> seconds = new LinkedHashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    if (!Files.isDirectory(tasks)) {
      return seconds;
    }
    try (Stream<Path> threads = Files.list(tasks)) {
      threads.forEach(thread -> {
        String stat = read(thread.resolve("stat"));
        if (stat != null) {
          seconds.merge(ThreadKind.of(threadName(thread)), userPlusSystemSeconds(stat), Double::sum);
        }
      });
    } catch (IOException | RuntimeException e) {
      // The process ended, or /proc is not what Linux has: no split, the totals still stand.
      return Map.of();
    }
    return seconds;
  }

  private static String threadName(Path thread) {
    String name = read(thread.resolve("comm"));
    return name == null ? "" : name.strip();
  }

  /** Null when the thread ended meanwhile. */
  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Fields 14 and 15 of a {@code stat} line (utime, stime) in seconds. The name in field 2 may hold
   * spaces and parentheses, so fields are counted from the last closing parenthesis.
   */
  static double userPlusSystemSeconds(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12].
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
  }
}
