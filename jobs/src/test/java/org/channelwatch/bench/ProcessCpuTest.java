package org.channelwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.channelwatch.bench.ProcessCpu.ThreadKind;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void readsUserAndSystemTicksAfterANameWithSpacesAndParentheses() {
    String stat = "4242 (C2 Compiler) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 150 0 0 20 0 40 0 1234 0 0";

    assertThat(ProcessCpu.userPlusSystemSeconds(stat)).isEqualTo(4.0);
  }

  @Test
  void tellsTheJvmsOwnThreadsFromTheRest() {
    assertThat(ThreadKind.of("GC Thread#1")).isEqualTo(ThreadKind.GARBAGE_COLLECTION);
    assertThat(ThreadKind.of("G1 Refine#0")).isEqualTo(ThreadKind.GARBAGE_COLLECTION);
    assertThat(ThreadKind.of("VM Thread")).isEqualTo(ThreadKind.GARBAGE_COLLECTION);
    assertThat(ThreadKind.of("C2 CompilerThre")).isEqualTo(ThreadKind.JIT_COMPILER);
    assertThat(ThreadKind.of("C1 CompilerThre")).isEqualTo(ThreadKind.JIT_COMPILER);
    assertThat(ThreadKind.of("rocksdb:low")).isEqualTo(ThreadKind.ROCKSDB);
    assertThat(ThreadKind.of("VM Periodic Tas")).isEqualTo(ThreadKind.REST);
    assertThat(ThreadKind.of("detect silent c")).isEqualTo(ThreadKind.REST);
  }

  @Test
  void splitsThisJvmByKindOfThread() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "per-thread CPU needs Linux's /proc");
    burnCpu();

    Map<ThreadKind, Double> seconds = ProcessCpu.secondsByKind(ProcessHandle.current().pid());

    assertThat(seconds).containsKey(ThreadKind.REST);
    assertThat(seconds.get(ThreadKind.REST)).isPositive();
  }

  private static void burnCpu() {
    long until = System.nanoTime() + 100_000_000L;
    long x = 0;
    while (System.nanoTime() < until) {
      x += Long.numberOfTrailingZeros(x + 1);
    }
    assertThat(x).isNotNegative();
  }
}
