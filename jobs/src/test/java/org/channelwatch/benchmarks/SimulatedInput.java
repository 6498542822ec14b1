package org.channelwatch.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.channelwatch.domain.ChannelEvent;
import org.channelwatch.intake.EventParser;
import org.channelwatch.intake.ParseResult;
import org.channelwatch.simulator.EventSimulator;
import org.channelwatch.simulator.SimulatedEvent;
import org.channelwatch.simulator.SimulatorProfile;

/**
 * The input of the benchmarks: the simulator's default mix, faults every 30 s, from a fixed seed, as
 * raw records and as the events intake makes of them. The same for every benchmark and run.
 */
final class SimulatedInput {
  private static final long SEED = 7L;

  private SimulatedInput() {}

  private static EventSimulator simulator() {
    return new EventSimulator(
        SimulatorProfile.defaults().withMeanFaultInterval(Duration.ofSeconds(30)),
        SEED,
        Instant.now().minus(Duration.ofHours(6)));
  }

  /** The first {@code count} records, as Kafka would carry them. */
  static byte[][] records(int count) {
    EventSimulator simulator = simulator();
    byte[][] records = new byte[count][];
    int n = 0;
    while (n < count) {
      for (SimulatedEvent event : simulator.next(simulator.position().plusSeconds(10))) {
        if (n < count) {
          records[n++] = event.json().getBytes(StandardCharsets.UTF_8);
        }
      }
    }
    return records;
  }

  /** The first {@code count} events that {@code wanted} accepts, parsed, in time order. */
  static List<ChannelEvent> events(int count, Predicate<ChannelEvent> wanted) {
    EventSimulator simulator = simulator();
    EventParser parser = new EventParser(Clock.systemUTC());
    List<ChannelEvent> events = new ArrayList<>(count);
    while (events.size() < count) {
      for (SimulatedEvent simulated : simulator.next(simulator.position().plusSeconds(10))) {
        ParseResult parsed = parser.parse(simulated.json().getBytes(StandardCharsets.UTF_8));
        if (parsed.isAccepted() && wanted.test(parsed.event()) && events.size() < count) {
          events.add(parsed.event());
        }
      }
    }
    return events;
  }
}
