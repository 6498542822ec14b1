package org.channelwatch.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.channelwatch.connectors.local.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts only the local Kafka broker and Elasticsearch node. */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = {
      "Start only a local Kafka broker and a local Elasticsearch node.",
      "Both run as child processes (Kafka in KRaft mode). Prints kafka=HOST:PORT and elasticsearch=URL",
      "once both are ready, and runs until stopped with Ctrl-C."
    })
public final class StackCommand implements Callable<Integer> {
  @Mixin StackOptions stack;

  @Override
  public Integer call() throws Exception {
    System.err.println("Starting Kafka and Elasticsearch under " + stack.dataDir.toAbsolutePath() + " ...");
    try (LocalStack services = stack.start()) {
      System.out.println("kafka=" + services.kafka().bootstrapServers());
      System.out.println("elasticsearch=" + services.elasticsearch().url());
      System.out.flush();
      System.err.println("Ready. Logs: " + services.kafka().logFile() + ", " + services.elasticsearch().logFile()
          + ". Ctrl-C stops both.");
      new CountDownLatch(1).await();
    }
    return 0;
  }
}
