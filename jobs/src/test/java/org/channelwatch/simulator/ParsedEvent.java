package org.channelwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** A simulated event read back, for assertions about what the simulator said. */
record ParsedEvent(
    String key, String id, String source, String type, Instant time, String region,
    String channel, JsonNode data) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  static ParsedEvent of(SimulatedEvent event) {
    try {
      JsonNode node = MAPPER.readTree(event.json());
      return new ParsedEvent(
          event.key(),
          node.get("id").asText(),
          node.get("source").asText(),
          node.get("type").asText(),
          OffsetDateTime.parse(node.get("time").asText()).toInstant(),
          node.get("region").asText(),
          node.get("channel").asText(),
          node.get("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<ParsedEvent> all(List<SimulatedEvent> events) {
    return events.stream().map(ParsedEvent::of).toList();
  }

  boolean is(String shortType) {
    return type.equals("gov." + shortType);
  }

  String text(String field) {
    JsonNode value = data.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The epoch minute the event falls in, as contract 2's 1-minute windows count it. */
  long minute() {
    return Math.floorDiv(time.toEpochMilli(), 60_000L);
  }
}
