package org.channelwatch.cli;

import java.util.concurrent.Callable;
import org.channelwatch.simulator.SimulatorRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the event simulator on its own. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Publish simulated events for all 32 regions and 4 channels.",
      "With occasional injected faults (outages, inconsistent guides, online cases the hall cannot",
      "see). Runs until stopped with Ctrl-C."
    })
public final class SimulateCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin SimulatorOptions simulator;

  @Override
  public Integer call() throws Exception {
    try (SimulatorRunner runner = SimulatorRunner.start(kafka.settings(), kafka.topic, simulator.simulator(), simulator.rate)) {
      System.out.println("simulating " + simulator.rate + " events/s into " + kafka.topic + " at " + kafka.bootstrapServers);
      long previous = 0;
      while (runner.isRunning()) {
        Thread.sleep(5_000);
        long sent = runner.eventsSent();
        System.out.printf("%s  sent %,d  (%,.0f/s)%s%n", Progress.clock(), sent, (sent - previous) / 5.0,
            runner.eventsFailed() > 0 ? "  failed " + runner.eventsFailed() : "");
        previous = sent;
      }
      if (runner.firstFailure() != null) {
        throw runner.firstFailure();
      }
    }
    return 0;
  }
}
