package org.channelwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Every simulated event is a valid contract event (contract 1.1 to 1.4). */
class SimulatorContractTest {

  private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
  private static final ContractChecker CHECKER = ContractChecker.create();

  @Test
  void twentyMinutesWithFrequentFaultsAreAllValidEvents() {
    SimulatorProfile profile = SimulatorProfile.defaults().withMeanFaultInterval(Duration.ofSeconds(45));
    EventSimulator simulator = new EventSimulator(profile, 20261125L, START);
    Map<String, String> firstProblemByType = new HashMap<>();
    Set<String> sourceAndIds = new HashSet<>();
    Set<String> submittedCases = new HashSet<>();
    long count = 0;
    for (int minute = 1; minute <= 20; minute++) {
      for (SimulatedEvent event : simulator.next(START.plus(Duration.ofMinutes(minute)))) {
        count++;
        List<String> problems = CHECKER.problems(event.json());
        ParsedEvent parsed = ParsedEvent.of(event);
        if (!problems.isEmpty()) {
          firstProblemByType.putIfAbsent(parsed.type(), problems + " in " + event.json());
        }
        assertThat(event.key()).isEqualTo(parsed.region());
        assertThat(sourceAndIds.add(parsed.source() + " " + parsed.id())).as("unique id").isTrue();
        if (parsed.is("case.submitted")) {
          assertThat(parsed.text("applicantId")).matches("[0-9a-f]{16}");
          assertThat(submittedCases.add(parsed.region() + " " + parsed.text("caseId")))
              .as("a case id is submitted once per region")
              .isTrue();
        }
      }
    }
    assertThat(firstProblemByType).isEmpty();
    assertThat(count).isGreaterThan(300_000);
    assertThat(simulator.injectedFaults()).hasSizeGreaterThan(10);
  }

  @Property(tries = 6)
  void anySeedGivesValidEvents(@ForAll long seed) {
    EventSimulator simulator =
        new EventSimulator(
            SimulatorProfile.defaults()
                .withEventsPerSecond(100)
                .withMeanFaultInterval(Duration.ofSeconds(20)),
            seed,
            START);
    for (SimulatedEvent event : simulator.next(START.plus(Duration.ofMinutes(3)))) {
      assertThat(CHECKER.problems(event.json())).as(event.json()).isEmpty();
    }
  }
}
