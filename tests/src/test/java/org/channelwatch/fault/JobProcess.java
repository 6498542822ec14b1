package org.channelwatch.fault;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.channelwatch.connectors.local.ChildJvm;
import org.channelwatch.job.JobLauncher;

/**
 * The ChannelWatch job in a process of its own, started as {@code channelwatch run} starts it, so
 * that a test can kill it with SIGKILL as a crash would.
 *
 * <p>Its class path is this JVM's, so it always runs the code under
 * test, whatever Maven phase runs us. It is stopped when this JVM exits, even after a failed test.
 */
final class JobProcess implements AutoCloseable {

  private static final String MAIN = "org.channelwatch.cli.Main";
  private static final Pattern FAILOVER =
      Pattern.compile("switched from state \\w+ to (RESTARTING|FAILING|FAILED)");

  private final ChildJvm process;
  private final Path logDir;

  private JobProcess(ChildJvm process, Path logDir) {
    this.process = process;
    this.logDir = logDir;
  }

  /**
   * Starts {@code channelwatch run} against the stack, reading its topic in consumer group {@code
   * groupId}, and returns at once.
   *
   * @param checkpointDir where checkpoints are kept and resumed from; null for none (a fresh job)
   */
  static JobProcess start(FaultStack stack, String name, String groupId, Path checkpointDir) throws IOException {
    Path runDir = stack.dir().resolve("jobs").resolve(name);
    Path logDir = runDir.resolve("logs");
    List<String> jvmArgs =
        List.of(
            "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError",
            // A short run on two shared cores: quick compilation and one GC thread beat peak speed.
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-Dchannelwatch.log.dir=" + logDir,
            // The job's own logging, not a test configuration that comes first on our class path.
            "-Dlog4j2.configurationFile=" + jobLogConfiguration(),
            "@" + ChildJvm.writeArgFile(runDir.resolve("jvm.args"), List.of("-cp", ChildJvm.childClassPath())));
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--bootstrap-servers", stack.bootstrapServers(),
                "--elasticsearch", stack.elasticsearchUrl(),
                "--topic", FaultStack.TOPIC,
                "--dead-letter-topic", FaultStack.DEAD_LETTER_TOPIC,
                "--alert-topic", FaultStack.ALERT_TOPIC,
                "--partitions", Integer.toString(FaultStack.PARTITIONS),
                "--group-id", groupId,
                "--parallelism", "1",
                "--out-of-orderness", FaultInput.OUT_OF_ORDERNESS.toString(),
                // Idleness is a processing-time rule: a partition that falls quiet for a moment
                // (between the parts a test publishes, or while Elasticsearch is down) would let
                // the other one move event time on and make records late that were not late in
                // the uninterrupted run. Every partition gets events until the end here.
                "--idleness", "PT1H",
                "--checkpoint-interval", "PT2S",
                "--metrics-port", ""));
    if (checkpointDir != null) {
      args.addAll(List.of("--checkpoint-dir", checkpointDir.toString()));
    }
    ChildJvm process = ChildJvm.start("job-" + name, jvmArgs, MAIN, args, runDir, logDir.resolve("console.log"));
    return new JobProcess(process, logDir);
  }

  /** The log4j configuration the jobs module ships, which logs to {@code channelwatch.log}. */
  private static String jobLogConfiguration() {
    URL configuration = JobLauncher.class.getClassLoader().getResource("log4j2.properties");
    if (configuration == null) {
      throw new IllegalStateException("log4j2.properties of the jobs module is not on the class path");
    }
    return configuration.toString();
  }

  /** Kills the process with SIGKILL, as a crash would, and waits until it is gone. */
  void kill() {
    process.kill();
  }

  /** Fails, pointing at the logs, when the process has exited. */
  void checkAlive() {
    process.checkAlive();
  }

  /** The lines of the job's log where Flink reports the job restarting or failing. */
  List<String> failovers() throws IOException {
    return logLines(FAILOVER);
  }

  /** Whether the job said it resumed from a checkpoint in its checkpoint folder. */
  boolean resumedFromCheckpoint() throws IOException {
    return !logLines(Pattern.compile("Resuming from checkpoint")).isEmpty();
  }

  private List<String> logLines(Pattern pattern) throws IOException {
    Path log = logDir.resolve("channelwatch.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(line -> pattern.matcher(line).find()).toList();
    }
  }

  /** Ends the process at once: a finished run's output has been judged, nothing is left to save. */
  @Override
  public void close() throws InterruptedException {
    kill();
  }

  @Override
  public String toString() {
    return process + ", logs in " + logDir;
  }
}
