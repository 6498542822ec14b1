package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.e2e.Events.access;
import static org.channelwatch.e2e.Events.caseSubmitted;
import static org.channelwatch.e2e.Events.millis;
import static org.channelwatch.e2e.Events.published;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.job.JobLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real parts: events into a real Kafka broker, the real job on a Flink
 * MiniCluster, documents out of a real Elasticsearch node.
 */
class WalkingSkeletonEndToEndTest {

  private static final String TOPIC = "skeleton.events";
  private static Stack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = Stack.start("skeleton");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void writesTheExactAccessIndicatorsOfEachRegionAndMinute() throws Exception {
    // One partition, so that offsets (and the dead letter's id) are known in advance.
    stack.services.kafka().createTopics(1, TOPIC);
    stack.publish(
        TOPIC,
        List.of(
            published("p1", "330000", "web", "2026-11-25T00:00:00Z", "ITEM-1"),
            access("a1", "330000", "web", "2026-11-25T00:00:01Z", "ok", 100L),
            access("a2", "330000", "web", "2026-11-25T00:00:02Z", "ok", 200L),
            access("a3", "330000", "app", "2026-11-25T00:00:03Z", "ok", 50L),
            access("a4", "110000", "wechat", "2026-11-25T00:00:04Z", "ok", 10L),
            access("a5", "330000", "web", "2026-11-25T00:00:05Z", "ok", 300L),
            access("a6", "330000", "web", "2026-11-25T00:00:10Z", "error", null),
            access("a7", "330000", "hall", "2026-11-25T00:00:20Z", "timeout", 15000L),
            access("a8", "110000", "wechat", "2026-11-25T00:00:30Z", "ok", 20L),
            access("a9", "330000", "web", "2026-11-25T00:00:40Z", "ok", 400L),
            access("a10", "330000", "app", "2026-11-25T00:00:50Z", "ok", 60L),
            access("a11", "110000", "wechat", "2026-11-25T00:00:55Z", "timeout", 3000L),
            "{\"this is\": not json",
            access("a12", "330000", "web", "2026-11-25T00:01:10Z", "ok", null),
            caseSubmitted("c1", "660000", "web", "2026-11-25T00:02:30Z", "CASE-1", "a9f3c2e17b5d4e08", "ITEM-9"),
            // A catalog sync far ahead must not move event time; the access tick below does.
            published("p2", "330000", "hall", "2026-11-25T03:00:00Z", "ITEM-1"),
            access("tick", "440000", "web", "2026-11-25T00:05:00Z", "ok", 1L)));

    JobClient job = JobLauncher.start(stack.jobOptions(TOPIC, 1, 1));
    try {
      List<Stack.Document> documents =
          stack.awaitDocuments(
              "channelwatch-indicators-*", docs -> docs.size() >= 10, Duration.ofMinutes(2));
      // A moment more, so that a wrongly emitted extra window would show.
      Thread.sleep(2_000);
      documents = stack.documents("channelwatch-indicators-*");

      long minute0 = millis("2026-11-25T00:00:00Z");
      Map<String, JsonNode> byId =
          documents.stream().collect(Collectors.toMap(Stack.Document::id, Stack.Document::source));
      // Every minute from a region's first event up to the watermark (00:04:29.999, from the tick),
      // quiet ones included; the tick's own minute is not over yet.
      List<String> expectedIds = new java.util.ArrayList<>();
      for (int minute = 0; minute < 4; minute++) {
        expectedIds.add("110000:" + (minute0 + minute * 60_000L));
        expectedIds.add("330000:" + (minute0 + minute * 60_000L));
      }
      expectedIds.add("660000:" + (minute0 + 120_000));
      expectedIds.add("660000:" + (minute0 + 180_000));
      assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
      assertThat(byId.get("330000:" + (minute0 + 180_000)).get("access"))
          .isEqualTo(expected("330000", "浙江省", "2026-11-25T00:03:00Z", "2026-11-25T00:04:00Z").build().get("access"));
      assertThat(documents).allSatisfy(doc -> assertThat(doc.index()).isEqualTo("channelwatch-indicators-2026.11.25"));

      expected("330000", "浙江省", "2026-11-25T00:00:00Z", "2026-11-25T00:01:00Z")
          .channel("hall", 1, 0, 0.0, 15000L)
          .channel("web", 5, 4, 0.8, 400L)
          .channel("app", 2, 2, 1.0, 60L)
          .assertMatches(byId.get("330000:" + minute0));
      expected("330000", "浙江省", "2026-11-25T00:01:00Z", "2026-11-25T00:02:00Z")
          .channel("web", 1, 1, 1.0, null)
          .assertMatches(byId.get("330000:" + (minute0 + 60_000)));
      expected("110000", "北京市", "2026-11-25T00:00:00Z", "2026-11-25T00:01:00Z")
          .channel("wechat", 3, 2, 2 / 3.0, 3000L)
          .assertMatches(byId.get("110000:" + minute0));
      expected("660000", "新疆生产建设兵团", "2026-11-25T00:02:00Z", "2026-11-25T00:03:00Z")
          .assertMatches(byId.get("660000:" + (minute0 + 120_000)));

      List<Stack.Document> deadLetters =
          stack.awaitDocuments("channelwatch-deadletter", docs -> !docs.isEmpty(), Duration.ofSeconds(30));
      assertThat(deadLetters).hasSize(1);
      assertThat(deadLetters.get(0).id()).isEqualTo(TOPIC + ":0:12");
      assertThat(deadLetters.get(0).source().get("reason").asText()).isEqualTo("malformed_json");
      assertThat(deadLetters.get(0).source().get("excerpt").asText()).isEqualTo("{\"this is\": not json");
    } finally {
      job.cancel().get();
    }
  }

  private static ExpectedIndicator expected(String region, String name, String start, String end) {
    return new ExpectedIndicator(region, name, start, end);
  }

  /** The indicator document we expect, with every channel quiet unless stated. */
  private static final class ExpectedIndicator {
    private final ObjectNode doc = Stack.JSON.createObjectNode();

    ExpectedIndicator(String region, String name, String start, String end) {
      doc.put("region", region);
      doc.put("regionName", name);
      doc.put("windowStart", start);
      doc.put("windowEnd", end);
      ObjectNode access = doc.putObject("access");
      for (String channel : List.of("hall", "web", "app", "wechat")) {
        ObjectNode quiet = access.putObject(channel);
        quiet.put("samples", 0);
        quiet.put("ok", 0);
        quiet.putNull("okRatio");
        quiet.putNull("p95LatencyMs");
      }
    }

    ExpectedIndicator channel(String channel, long samples, long ok, double okRatio, Long p95) {
      ObjectNode node = (ObjectNode) doc.get("access").get(channel);
      node.put("samples", samples);
      node.put("ok", ok);
      node.put("okRatio", okRatio);
      node.put("p95LatencyMs", p95);
      return this;
    }

    /** Re-read, so numbers have the node types Elasticsearch's answer parses to. */
    JsonNode build() {
      try {
        return Stack.JSON.readTree(doc.toString());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The document's identity and access figures are as expected; other fields are not checked here. */
    void assertMatches(JsonNode actual) {
      JsonNode expected = build();
      for (String field : List.of("region", "regionName", "windowStart", "windowEnd", "access")) {
        assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
      }
    }
  }
}
