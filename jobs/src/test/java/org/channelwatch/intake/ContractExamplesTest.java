package org.channelwatch.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.channelwatch.SharedContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The contract's own examples: each valid line is accepted, each invalid one gets its reason. */
class ContractExamplesTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final EventParser parser = new EventParser(CLOCK);

  static Stream<String> validLines() {
    return SharedContract.lines("examples/valid.ndjson").stream();
  }

  static Stream<Arguments> invalidLines() {
    return SharedContract.invalidExamples().stream().map(row -> Arguments.of(row[0], row[1]));
  }

  @ParameterizedTest
  @MethodSource("validLines")
  void acceptsEveryValidExample(String line) {
    ParseResult result = parser.parse(line.getBytes(StandardCharsets.UTF_8));
    assertThat(result.isAccepted()).as("%s", result).isTrue();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("invalidLines")
  void rejectsEveryInvalidExampleWithItsReason(String reason, String line) {
    ParseResult result = parser.parse(line.getBytes(StandardCharsets.UTF_8));
    assertThat(result.isAccepted()).isFalse();
    assertThat(result.reason().wireName()).as("%s", result.detail()).isEqualTo(reason);
    assertThat(result.detail()).isNotBlank();
  }

  @Test
  void theExamplesCoverEveryReasonTheParserCanGive() {
    List<String> reasons = SharedContract.invalidExamples().stream().map(row -> row[0]).distinct().toList();
    assertThat(reasons)
        .contains("malformed_json", "schema", "unknown_type", "unknown_region", "unknown_channel", "bad_time", "pii");
  }

  @Test
  void rejectsARecordOver64KibAsTooLarge() {
    String valid = SharedContract.lines("examples/valid.ndjson").get(0);
    String padded = valid.replace("\"itemName\": \"", "\"itemName\": \"" + "x".repeat(70_000));
    ParseResult result = parser.parse(padded.getBytes(StandardCharsets.UTF_8));
    assertThat(result.reason()).isEqualTo(RejectReason.TOO_LARGE);
  }

  @Test
  void acceptsARecordOfExactly64Kib() {
    String valid = SharedContract.lines("examples/valid.ndjson").get(0);
    String shell = valid.replace("\"itemName\": \"企业名称变更登记\"", "\"itemName\": \"n\", \"pad\": \"\"");
    int padding = EventParser.MAX_RECORD_BYTES - shell.getBytes(StandardCharsets.UTF_8).length;
    String exact = shell.replace("\"pad\": \"\"", "\"pad\": \"" + "x".repeat(padding) + "\"");
    assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(EventParser.MAX_RECORD_BYTES);
    assertThat(parser.parse(exact.getBytes(StandardCharsets.UTF_8)).isAccepted()).isTrue();
  }
}
