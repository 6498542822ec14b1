package org.channelwatch.cli;

import java.time.Instant;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatorProfile;
import picocli.CommandLine.Option;

/** How fast and with which seed the simulator runs. */
final class SimulatorOptions {
  @Option(
      names = "--rate",
      defaultValue = "${env:CHANNELWATCH_SIMULATOR_RATE:-300}",
      description = "Simulated events per second (env CHANNELWATCH_SIMULATOR_RATE; default ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--seed",
      defaultValue = "${env:CHANNELWATCH_SIMULATOR_SEED:-20261125}",
      description = "Seed of the simulation; the same seed gives the same regions, items and faults (env CHANNELWATCH_SIMULATOR_SEED; default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--no-faults",
      description = "Simulate healthy channels only: no outages, inconsistent guides or disconnected cases.")
  boolean noFaults;

  /** A simulator whose event time starts now, so the job's windows follow the wall clock. */
  EventSimulator simulator() {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("--rate must be above 0");
    }
    SimulatorProfile profile = SimulatorProfile.defaults().withEventsPerSecond(rate);
    return new EventSimulator(noFaults ? profile.withoutFaults() : profile, seed, Instant.now());
  }
}
