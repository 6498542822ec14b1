package org.channelwatch.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.channelwatch.indicators.TestEvents.MINUTE;
import static org.channelwatch.indicators.TestEvents.T0;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.channelwatch.connectors.elasticsearch.EsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegionRankingOperatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private OneInputStreamOperatorTestHarness<RegionSnapshot, EsDocument> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = new OneInputStreamOperatorTestHarness<>(new RegionRankingOperator());
    harness.open();
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static RegionSnapshot snapshot(String region, long windowStart, Double overall) {
    String minuteDocument = "{\"region\":\"" + region + "\",\"windowStart\":" + windowStart + ",\"scores\":{\"overall\":" + overall + "}}";
    return new RegionSnapshot(region, windowStart, overall, new String[] {"x:" + region}, minuteDocument.getBytes(StandardCharsets.UTF_8));
  }

  private void send(RegionSnapshot snapshot) throws Exception {
    harness.processElement(snapshot, snapshot.windowStart + MINUTE - 1);
  }

  /** The latest document written per region, as Elasticsearch would hold it. */
  private Map<String, JsonNode> written() throws Exception {
    Map<String, JsonNode> latest = new LinkedHashMap<>();
    for (EsDocument doc : harness.extractOutputValues()) {
      assertThat(doc.index()).isEqualTo("channelwatch-regions");
      latest.put(doc.id(), JSON.readTree(doc.source()));
    }
    return latest;
  }

  @Test
  void waitsForTheWatermarkSoThatEveryRegionOfTheMinuteIsRankedTogether() throws Exception {
    send(snapshot("110000", T0, 70.0));
    harness.processWatermark(new Watermark(T0 + MINUTE - 2));
    assertThat(harness.extractOutputValues()).isEmpty();
    send(snapshot("330000", T0, 90.0));
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    Map<String, JsonNode> written = written();
    assertThat(written.get("330000").get("rank").asInt()).isEqualTo(1);
    assertThat(written.get("110000").get("rank").asInt()).isEqualTo(2);
    assertThat(written.get("110000").at("/openIncidentIds/0").asText()).isEqualTo("x:110000");
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  @Test
  void sharesRanksOnTiesAndRewritesRegionsWhoseRankChanged() throws Exception {
    send(snapshot("110000", T0, 70.0));
    send(snapshot("330000", T0, 90.0));
    send(snapshot("440000", T0, 80.0));
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    // Next minute only 110000 reports, now tied with 330000 at the top.
    send(snapshot("110000", T0 + MINUTE, 90.0));
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));
    List<EsDocument> secondMinute = harness.extractOutputValues().subList(3, harness.extractOutputValues().size());
    // 110000 has a new minute; 440000 moved from 2 to 3; 330000 kept rank 1 and is not rewritten.
    assertThat(secondMinute).extracting(EsDocument::id).containsExactly("110000", "440000");
    Map<String, JsonNode> written = written();
    assertThat(written.get("110000").get("rank").asInt()).isEqualTo(1);
    assertThat(written.get("330000").get("rank").asInt()).isEqualTo(1);
    assertThat(written.get("440000").get("rank").asInt()).isEqualTo(3);
    assertThat(written.get("440000").get("windowStart").asLong()).isEqualTo(T0);
  }

  @Test
  void leavesRegionsWithoutScoreUnranked() throws Exception {
    send(snapshot("110000", T0, null));
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    assertThat(written().get("110000").get("rank").isNull()).isTrue();
  }

  @Test
  void resumesFromACheckpointWithTheLatestAndTheWaitingSnapshots() throws Exception {
    send(snapshot("110000", T0, 70.0));
    harness.processWatermark(new Watermark(T0 + MINUTE - 1));
    send(snapshot("330000", T0 + MINUTE, 90.0));
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();

    harness = new OneInputStreamOperatorTestHarness<>(new RegionRankingOperator());
    harness.initializeState(checkpoint);
    harness.open();
    harness.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));
    Map<String, JsonNode> written = written();
    assertThat(written.get("330000").get("rank").asInt()).isEqualTo(1);
    assertThat(written.get("110000").get("rank").asInt()).isEqualTo(2);
  }
}
