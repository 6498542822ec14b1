package org.channelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.core.execution.JobClient;
import org.channelwatch.connectors.elasticsearch.ElasticsearchConnection;
import org.channelwatch.job.JobLauncher;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A fixed stream through a real Kafka broker, the real job on a Flink MiniCluster and a real
 * Elasticsearch node gives exactly the per-minute, region and item documents of contract 4 that
 * {@code indicators/expected.json} holds, at parallelism 1 and at parallelism 2.
 *
 * <p>The stream ({@code indicators/stream.ndjson}) covers two regions over three minutes:
 *
 * <ul>
 *   <li>浙江省 (330000). Minute 08:00: four items published; ZJ.001 on web and hall agrees once
 *       normalised (fee "120" and "120.00", materials in another order, a trailing space), ZJ.002
 *       disagrees on timeLimitDays between app and wechat; access on hall, web (one repeated
 *       delivery, counted once) and app, never on wechat; four cases submitted (one more
 *       submission of ZJ-C1 is ignored); a supplement visit without a case id that links to ZJ-C2.
 *       Minute 08:01: the website fails (1 ok of 5: service_unavailable); wechat republishes ZJ.002
 *       at revision 2 and agrees, a stale revision 1 after it is ignored; ZJ-C1 completes without a
 *       visit, ZJ-C2 after one; APPLICANT-0003 submits at the hall what they have open online
 *       (offline_resubmission); ZJ.003 is withdrawn. Minute 08:02: the website recovers; ZJ.002
 *       fails on the app (item_unavailable, while the app's own minute has too few samples to
 *       judge); a hall case completes; ZJ.004 is published.
 *   <li>北京市 (110000): hall and web access in minute 08:00 only, then two quiet minutes that
 *       carry its last known availability.
 *   <li>One closing access event per region at 08:03:30, so every partition ends at the same event
 *       time and the watermark stops at exactly 08:02:59.999, after the third minute.
 * </ul>
 *
 * <p>Worked figures, for reading {@code expected.json}: 浙江省 at 08:00 has items 3 (ZJ.001,
 * ZJ.002, ZJ.003), online 2, inconsistent 1; completenessMean = (12 + 5 + 3) / 36 = 5/9 over the
 * online publications; reachable = 100 × (1 + 0.9 + 0.75 + 0) / 4 = 66.25 → 66.3; visible = 100 ×
 * 2/3 → 66.7; usable = 100 × (5/18 + 1/4) = 52.78 → 52.8; doable = 100 × (0.5 × 1/2 + 0.25 × 1/2 +
 * 0.25 × 1/2) = 50; overall = 8485/144 = 58.92 → 58.9. At 08:02 the website is back (1.0), the app
 * at 0.0, the hall still at its 08:00 ratio: reachable 50; with ZJ.004, completenessMean = 32/48,
 * doable = 100 × 7/12 → 58.3, overall = 875/12 → 72.9.
 */
class IndicatorsEndToEndTest {

  private static final int PARTITIONS = 2;
  private static final String INDICATORS = "channelwatch-indicators-*";
  private static final String REGIONS = "channelwatch-regions";
  private static final String ITEMS = "channelwatch-items";
  private static final Duration DEADLINE = Duration.ofMinutes(3);
  /** How long the documents must stay as expected once they are, so no late rewrite goes unseen. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private static Stack stack;
  private static List<String> stream;
  private static Map<String, Map<String, JsonNode>> expected;

  @BeforeAll
  static void startStack() throws Exception {
    stream = resourceLines("/indicators/stream.ndjson");
    expected = expectedDocuments((ObjectNode) Stack.JSON.readTree(resource("/indicators/expected.json")));
    stack = Stack.start("indicators");
  }

  @AfterAll
  static void stopStack() throws Exception {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void writesExactlyTheExpectedMinuteRegionAndItemDocumentsAtParallelism1() throws Exception {
    writesExactlyTheExpectedDocuments(1);
  }

  @Test
  void writesTheSameDocumentsAtParallelism2() throws Exception {
    writesExactlyTheExpectedDocuments(2);
  }

  /** Runs the stream on its own topic into indices without documents of an earlier run. */
  private void writesExactlyTheExpectedDocuments(int parallelism) throws Exception {
    String topic = "indicators-p" + parallelism + ".events";
    deleteIndicesOfEarlierRuns();
    stack.services.kafka().createTopics(PARTITIONS, topic);
    stack.publish(topic, stream);

    JobClient job = JobLauncher.start(stack.jobOptions(topic, PARTITIONS, parallelism));
    try {
      Instant deadline = Instant.now().plus(DEADLINE);
      List<String> differences = differences();
      while (!differences.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(1_000);
        differences = differences();
      }
      assertThat(differences).as("differences from indicators/expected.json after " + DEADLINE).isEmpty();

      Thread.sleep(SETTLE.toMillis());
      assertThat(differences()).as("differences once settled").isEmpty();
    } finally {
      job.cancel().get();
    }
  }

  private static List<String> differences() throws IOException {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Map<String, JsonNode>> index : expected.entrySet()) {
      Map<String, JsonNode> actual = new TreeMap<>();
      for (Stack.Document document : stack.documents(index.getKey())) {
        actual.put(document.id(), document.source());
      }
      JsonDiff.ofDocuments(index.getValue(), actual).forEach(d -> differences.add(index.getKey() + " " + d));
    }
    return differences;
  }

  /**
   * The documents of {@code expected.json} by index pattern and id: each minute is {@code
   * quietMinute} overlaid with what happened in it; each region document is its latest minute
   * overlaid with the region's own fields.
   */
  private static Map<String, Map<String, JsonNode>> expectedDocuments(ObjectNode json) {
    Map<String, JsonNode> minutes = new TreeMap<>();
    json.get("minutes").fields().forEachRemaining(minute -> {
      ObjectNode document = json.get("quietMinute").deepCopy();
      overlay(document, (ObjectNode) minute.getValue());
      minutes.put(minute.getKey(), document);
    });
    Map<String, JsonNode> regions = new TreeMap<>();
    json.get("regions").fields().forEachRemaining(region -> {
      ObjectNode fields = region.getValue().deepCopy();
      ObjectNode document = minutes.get(fields.remove("latestMinute").asText()).deepCopy();
      overlay(document, fields);
      regions.put(region.getKey(), document);
    });
    Map<String, JsonNode> items = new TreeMap<>();
    json.get("items").fields().forEachRemaining(item -> items.put(item.getKey(), item.getValue()));
    return Map.of(INDICATORS, minutes, REGIONS, regions, ITEMS, items);
  }

  /** Puts every field of {@code overlay} into {@code target}, merging objects field by field. */
  private static void overlay(ObjectNode target, ObjectNode overlay) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
        overlay(existingObject, overlayObject);
      } else {
        target.set(field.getKey(), field.getValue().deepCopy());
      }
    }
  }

  private static void deleteIndicesOfEarlierRuns() throws IOException {
    try (ElasticsearchConnection.Clients clients = stack.elasticsearch.open()) {
      // By name: Elasticsearch refuses to delete by wildcard (action.destructive_requires_name).
      Request delete = new Request("DELETE", "/channelwatch-indicators-2026.11.24," + REGIONS + "," + ITEMS);
      delete.addParameter("ignore_unavailable", "true");
      clients.lowLevel().performRequest(delete);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = IndicatorsEndToEndTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> resourceLines(String name) throws IOException {
    return resource(name).lines().filter(line -> !line.isBlank()).toList();
  }
}
