package org.channelwatch.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.channelwatch.intake.EventParser;
import org.channelwatch.intake.ParseResult;

/** Judges simulated events with the job's own intake parser, so "valid" means what the job means. */
final class ContractChecker {
  private final EventParser parser = new EventParser(Clock.systemUTC());

  static ContractChecker create() {
    return new ContractChecker();
  }

  /** Empty for a valid event, else the reason and detail the job would dead-letter it with. */
  List<String> problems(String json) {
    ParseResult result = parser.parse(json.getBytes(StandardCharsets.UTF_8));
    return result.isAccepted() ? List.of() : List.of(result.reason().wireName() + ": " + result.detail());
  }
}
