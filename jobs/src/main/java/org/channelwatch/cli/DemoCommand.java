package org.channelwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.connectors.kafka.KafkaSettings;
import org.channelwatch.connectors.local.LocalStack;
import org.channelwatch.connectors.local.ShutdownSequence;
import org.channelwatch.dashboards.DashboardServer;
import org.channelwatch.job.JobLauncher;
import org.channelwatch.simulator.SimulatorRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Everything on this machine: local Kafka and Elasticsearch, the job, the simulator, the dashboard. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run everything on this machine: Kafka, Elasticsearch, the job, the simulator and the dashboard.",
      "Starts a local Kafka broker and Elasticsearch node, runs the job on a Flink MiniCluster, feeds it",
      "simulated events and serves the dashboard. Prints where each listens, then progress every 5 s.",
      "Ctrl-C stops everything. Data stays under --data-dir, so a second demo resumes the first."
    })
public final class DemoCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  @Mixin StackOptions stack;
  @Mixin DashboardOptions dashboard;
  @Mixin SimulatorOptions simulator;
  @Mixin JobOptions job;

  @Option(names = "--reset", description = "Delete the data directory first, starting from nothing.")
  boolean reset;

  @Override
  public Integer call() throws Exception {
    Path dataDir = stack.dataDir.toAbsolutePath();
    if (reset) {
      deleteDataDir(dataDir);
    }
    Files.createDirectories(dataDir);
    CountDownLatch stopping = new CountDownLatch(1);
    // Steps run in reverse order of registration: this one last, after everything has stopped.
    ShutdownSequence.register("demo", () -> System.out.println("Stopped."));

    System.out.println("Starting Kafka and Elasticsearch under " + dataDir + " ...");
    LocalStack services = stack.start();
    System.out.println("kafka=" + services.kafka().bootstrapServers());
    System.out.println("elasticsearch=" + services.elasticsearch().url());

    KafkaSettings kafka = KafkaSettings.of(services.kafka().bootstrapServers());
    ElasticsearchConnection elasticsearch = ElasticsearchConnection.of(services.elasticsearch().url());
    if (job.checkpointDir == null) {
      job.checkpointDir = dataDir.resolve("checkpoints").toString();
    }
    System.out.println("Starting the job on a Flink MiniCluster (checkpoints in " + job.checkpointDir + ") ...");
    JobClient jobClient = JobLauncher.start(job.launcherOptions(kafka, KafkaOptions.DEFAULT_TOPIC, elasticsearch));
    // Cancelling keeps the last checkpoint, so the next demo resumes from it.
    ShutdownSequence.register("job", () -> cancel(jobClient));
    SimulatorRunner simulation = SimulatorRunner.start(kafka, KafkaOptions.DEFAULT_TOPIC, simulator.simulator(), simulator.rate);
    ShutdownSequence.register("simulator", simulation::close);
    DashboardServer server = dashboard.start(elasticsearch);
    ShutdownSequence.register("dashboard", server::close);
    ShutdownSequence.register(
        "progress",
        () -> {
          stopping.countDown();
          System.out.println();
          System.out.println("Stopping ...");
        });
    System.out.println("dashboard=" + server.uri());
    System.out.println(
        "Simulating " + (long) simulator.rate + " events/s. The first per-minute documents appear after about 90 s. "
            + "Logs: " + Path.of(System.getProperty("channelwatch.log.dir", ".channelwatch/logs")).toAbsolutePath()
            + ". Ctrl-C stops everything.");

    try (ElasticsearchConnection.Clients clients = elasticsearch.open()) {
      Progress progress = new Progress(clients);
      while (!stopping.await(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS)) {
        if (jobClient.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
          throw new IllegalStateException("the job stopped; see the log for why");
        }
        if (!simulation.isRunning() && simulation.firstFailure() != null) {
          throw new IllegalStateException("the simulator stopped: " + simulation.firstFailure().getMessage());
        }
        System.out.println(progress.line());
      }
    }
    return 0;
  }

  private static void cancel(JobClient job) {
    try {
      job.cancel().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Could not cancel the job cleanly", e);
    }
  }

  /** Deletes the data directory, but only one that looks like ours. */
  private static void deleteDataDir(Path dataDir) throws IOException {
    if (!Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      boolean ours =
          entries.allMatch(p -> Stream.of("kafka", "elasticsearch", "checkpoints", "logs")
              .anyMatch(name -> p.getFileName().toString().equals(name)));
      if (!ours) {
        throw new IllegalArgumentException(
            dataDir + " holds files ChannelWatch did not make; delete it yourself or choose another --data-dir");
      }
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
