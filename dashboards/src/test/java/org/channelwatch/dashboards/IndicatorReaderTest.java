package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.JsonpUtils;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorReaderTest {

  private static final JacksonJsonpMapper MAPPER = new JacksonJsonpMapper();

  private static SearchResponse<Object> parse(String json) {
    return SearchResponse._DESERIALIZER.deserialize(
        MAPPER.jsonProvider().createParser(new StringReader(json)), MAPPER);
  }

  @Test
  void asksForTheNewestDocumentPerRegionWithPlainAggregations() throws Exception {
    String request =
        JsonpUtils.toJsonString(
            IndicatorReader.latestByRegionRequest(IndicatorReader.INDICATOR_INDICES), MAPPER);
    JsonNode body = new ObjectMapper().readTree(request);

    assertThat(body.path("size").asInt()).isZero();
    JsonNode byRegion = body.path("aggregations").path("by_region");
    assertThat(byRegion.path("terms").path("field").asText()).isEqualTo("region");
    assertThat(byRegion.path("terms").path("size").asInt()).isEqualTo(64);
    JsonNode topHits = byRegion.path("aggregations").path("latest").path("top_hits");
    assertThat(topHits.path("size").asInt()).isEqualTo(1);
    assertThat(topHits.path("sort").get(0).path("windowStart").path("order").asText())
        .isEqualTo("desc");
    assertThat(request).doesNotContain("script").doesNotContain("bucket_");
  }

  @Test
  void takesTheTopHitOfEachRegionBucket() {
    SearchResponse<Object> response =
        parse(
            """
            {"took":3,"timed_out":false,
             "_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
             "hits":{"total":{"value":3,"relation":"eq"},"max_score":null,"hits":[]},
             "aggregations":{"sterms#by_region":{"doc_count_error_upper_bound":0,
               "sum_other_doc_count":0,"buckets":[
                 {"key":"330000","doc_count":2,"top_hits#latest":{"hits":{
                   "total":{"value":2,"relation":"eq"},"max_score":null,"hits":[
                     {"_index":"channelwatch-indicators-2026.11.25","_id":"330000:1795564860000",
                      "_score":null,"sort":[1795564860000],
                      "_source":{"region":"330000","windowStart":"2026-11-25T00:01:00.000Z",
                        "access":{"hall":{"samples":5,"ok":5,"okRatio":1.0,"p95LatencyMs":300}}}}]}}},
                 {"key":"110000","doc_count":1,"top_hits#latest":{"hits":{
                   "total":{"value":1,"relation":"eq"},"max_score":null,"hits":[
                     {"_index":"channelwatch-indicators-2026.11.25","_id":"110000:1795564800000",
                      "_score":null,"sort":[1795564800000],
                      "_source":{"region":"110000","windowStart":"2026-11-25T00:00:00.000Z"}}]}}}]}}}
            """);

    Map<String, JsonNode> latest = IndicatorReader.latestByRegion(response);

    assertThat(latest).containsOnlyKeys("330000", "110000");
    assertThat(latest.get("330000").path("windowStart").asText())
        .isEqualTo("2026-11-25T00:01:00.000Z");
    assertThat(latest.get("330000").path("access").path("hall").path("okRatio").asDouble())
        .isEqualTo(1.0);
  }

  @Test
  void noIndexYetMeansNoData() {
    SearchResponse<Object> response =
        parse(
            """
            {"took":0,"timed_out":false,
             "_shards":{"total":0,"successful":0,"skipped":0,"failed":0},
             "hits":{"total":{"value":0,"relation":"eq"},"max_score":0.0,"hits":[]}}
            """);

    assertThat(IndicatorReader.latestByRegion(response)).isEmpty();
  }
}
