package org.channelwatch.cli;

import java.util.concurrent.Callable;
import org.channelwatch.job.JobLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the job against services you name, until stopped. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ChannelWatch job on a local Flink MiniCluster against your Kafka and Elasticsearch.",
      "Runs until stopped with Ctrl-C. On a Flink cluster, submit the job jar with `flink run` instead."
    })
public final class RunCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin ElasticsearchOptions elasticsearch;
  @Mixin JobOptions job;

  @Override
  public Integer call() throws Exception {
    JobLauncher.Options options = job.launcherOptions(kafka.settings(), kafka.topic, elasticsearch.connection());
    System.out.println(
        "ChannelWatch: reading " + kafka.topic + " at " + kafka.bootstrapServers + ", writing to "
            + options.elasticsearch() + (job.checkpointDir == null ? "" : ", checkpoints in " + job.checkpointDir)
            + (job.restoreFrom == null || job.restoreFrom.isBlank() ? "" : ", restoring " + job.restoreFrom));
    JobLauncher.run(options);
    return 0;
  }
}
