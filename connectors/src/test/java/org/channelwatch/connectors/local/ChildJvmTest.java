package org.channelwatch.connectors.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a child JVM is started: in a session of its own, and still the process we hold. */
class ChildJvmTest {

  /** Sleeps until stopped: a child that does nothing. */
  public static final class Sleeper {
    public static void main(String[] args) throws InterruptedException {
      Thread.sleep(120_000);
    }
  }

  /** Starts a sleeper, prints its pid and waits to be killed: a parent that never stops its child. */
  public static final class ParentOfASleeper {
    public static void main(String[] args) throws Exception {
      ChildJvm child = startSleeper(Path.of(args[0]));
      System.out.println(child.pid());
      System.out.flush();
      Thread.sleep(120_000);
    }
  }

  @Test
  void aChildExitsByItselfWhenTheProcessThatStartedItIsKilled(@TempDir Path dir) throws Exception {
    Process parent =
        new ProcessBuilder(
                ChildJvm.javaExecutable(), "-cp", ChildJvm.childClassPath(), ParentOfASleeper.class.getName(),
                dir.toString())
            .redirectError(dir.resolve("parent.err").toFile())
            .start();
    ProcessHandle child = null;
    try {
      String pid = CompletableFuture.supplyAsync(() -> firstLine(parent)).get(60, TimeUnit.SECONDS);
      child = ProcessHandle.of(Long.parseLong(pid.trim())).orElseThrow();

      parent.destroyForcibly().waitFor();

      assertThat(child.onExit()).as("the orphaned child exits").succeedsWithin(Duration.ofSeconds(60));
    } finally {
      parent.destroyForcibly();
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  private static String firstLine(Process process) {
    try {
      return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void childRunsInASessionOfItsOwnSoThatCtrlCInATerminalReachesOnlyUs(@TempDir Path dir) throws Exception {
    assumeTrue(!ChildJvm.SESSION_OF_ITS_OWN.isEmpty(), "no setsid on this system");
    assumeTrue(Files.exists(Path.of("/proc/self/stat")), "no /proc to read process groups from");
    try (ChildJvm child = startSleeper(dir)) {
      // setsid leaves our group before it becomes the JVM; until then the child is still in it.
      commandOnceStarted(ProcessHandle.of(child.pid()).orElseThrow());
      long[] ours = groupAndSession(ProcessHandle.current().pid());
      long[] its = groupAndSession(child.pid());
      assertThat(its[0]).as("the child's process group").isNotEqualTo(ours[0]);
      assertThat(its[1]).as("the child's session").isNotEqualTo(ours[1]);
    }
  }

  @Test
  void theProcessHeldIsTheJvmItselfSoStoppingItStopsTheJvm(@TempDir Path dir) throws Exception {
    ChildJvm child = startSleeper(dir);
    ProcessHandle handle = ProcessHandle.of(child.pid()).orElseThrow();
    assertThat(commandOnceStarted(handle)).endsWith("/java");
    child.close();
    assertThat(handle.isAlive()).isFalse();
    assertThat(child.isAlive()).isFalse();
  }

  /** The process's command once {@code setsid}, if any, has replaced itself with the JVM. */
  private static String commandOnceStarted(ProcessHandle handle) throws InterruptedException {
    String command = "";
    for (int attempt = 0; attempt < 100 && !command.endsWith("/java"); attempt++) {
      command = handle.info().command().orElse("");
      Thread.sleep(50);
    }
    return command;
  }

  private static ChildJvm startSleeper(Path dir) throws IOException {
    return ChildJvm.start(
        "sleeper", List.of("-cp", ChildJvm.childClassPath()), Sleeper.class.getName(), List.of(), dir,
        dir.resolve("sleeper.log"));
  }

  /** Fields 5 and 6 of /proc/PID/stat, after the command name in parentheses. */
  private static long[] groupAndSession(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(fields[2]), Long.parseLong(fields[3])};
  }
}
