package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueriesTest {

  private static final Instant NOW = Instant.parse("2026-11-25T08:30:20Z");

  /** Every aggregation type used anywhere in the body. */
  private static List<String> aggregationTypes(JsonNode node) {
    List<String> types = new ArrayList<>();
    collect(node, types);
    return types;
  }

  private static void collect(JsonNode node, List<String> types) {
    if (!node.isObject()) {
      return;
    }
    JsonNode aggs = node.has("aggs") ? node.get("aggs") : node.get("aggregations");
    if (aggs != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = aggs.fields(); it.hasNext(); ) {
        JsonNode agg = it.next().getValue();
        for (Iterator<String> names = agg.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!name.equals("aggs") && !name.equals("aggregations")) {
            types.add(name);
          }
        }
        collect(agg, types);
      }
    }
  }

  private static void assertPlain(JsonNode body) {
    assertThat(body.toString()).doesNotContain("script").doesNotContain("bucket_");
    assertThat(aggregationTypes(body))
        .allSatisfy(type -> assertThat(type).isIn("terms", "date_histogram", "sum", "avg", "filter"));
  }

  @Test
  void regionsFetchesTheCurrentStateFieldsOfEveryRegion() {
    JsonNode body = Queries.regions();
    assertThat(body.path("size").asInt()).isEqualTo(64);
    assertThat(body.path("_source").toString()).contains("rank", "scores", "openIncidentIds");
  }

  @Test
  void regionFetchesOneDocumentById() {
    assertThat(Queries.region("330000").toString())
        .isEqualTo("{\"size\":1,\"query\":{\"ids\":{\"values\":[\"330000\"]}}}");
  }

  @Test
  void availabilitySumsOkAndSamplesPerRegionAndChannelOverTheWindow() {
    JsonNode body = Queries.availabilityByRegion(NOW.minusSeconds(3600), NOW);

    assertPlain(body);
    assertThat(body.path("size").asInt()).isZero();
    JsonNode range = body.at("/query/bool/filter/0/range/windowStart");
    assertThat(range.path("gte").asText()).isEqualTo("2026-11-25T07:30:20Z");
    assertThat(range.path("lt").asText()).isEqualTo("2026-11-25T08:30:20Z");
    JsonNode byRegion = body.at("/aggs/by_region");
    assertThat(byRegion.at("/terms/field").asText()).isEqualTo("region");
    assertThat(byRegion.at("/aggs/web_ok/sum/field").asText()).isEqualTo("access.web.ok");
    assertThat(byRegion.at("/aggs/wechat_samples/sum/field").asText())
        .isEqualTo("access.wechat.samples");
    assertThat(byRegion.path("aggs").size()).isEqualTo(8);
  }

  @Test
  void incidentsPutOpenOnesFirstAndKeepResolvedOnesOnlyWhileRecent() {
    JsonNode body = Queries.incidents("330000", NOW.minusSeconds(86400), 25);

    assertPlain(body);
    assertThat(body.path("size").asInt()).isEqualTo(25);
    assertThat(body.at("/query/bool/filter/0/term/region").asText()).isEqualTo("330000");
    assertThat(body.at("/query/bool/should/0/term/status").asText()).isEqualTo("open");
    assertThat(body.at("/query/bool/should/1/range/resolvedAt/gte").asText())
        .isEqualTo("2026-11-24T08:30:20Z");
    assertThat(body.at("/query/bool/minimum_should_match").asInt()).isEqualTo(1);
    assertThat(body.at("/sort/0/status/order").asText()).isEqualTo("asc");
    assertThat(body.at("/sort/1/openedAt/order").asText()).isEqualTo("desc");
    assertThat(body.at("/aggs/open/filter/term/status").asText()).isEqualTo("open");
  }

  @Test
  void incidentsOfEveryRegionHaveNoRegionFilter() {
    JsonNode body = Queries.incidents(null, NOW, 50);
    assertThat(body.at("/query/bool").has("filter")).isFalse();
  }

  @Test
  void regionTrendBucketsTheRangeAndAveragesScoresWithPlainAggregations() {
    JsonNode body = Queries.regionTrend("330000", TimeRange.DAY, NOW);

    assertPlain(body);
    assertThat(body.at("/query/bool/filter/0/term/region").asText()).isEqualTo("330000");
    JsonNode range = body.at("/query/bool/filter/1/range/windowStart");
    // 24 hours up to the end of the 10-minute bucket still filling.
    assertThat(range.path("gte").asText()).isEqualTo("2026-11-24T08:40:00Z");
    assertThat(range.path("lt").asText()).isEqualTo("2026-11-25T08:40:00Z");
    JsonNode histogram = body.at("/aggs/over_time/date_histogram");
    assertThat(histogram.path("field").asText()).isEqualTo("windowStart");
    assertThat(histogram.path("fixed_interval").asText()).isEqualTo("10m");
    assertThat(histogram.path("min_doc_count").asInt()).isZero();
    assertThat(histogram.at("/extended_bounds/min").asLong())
        .isEqualTo(Instant.parse("2026-11-24T08:40:00Z").toEpochMilli());
    assertThat(histogram.at("/extended_bounds/max").asLong())
        .isEqualTo(Instant.parse("2026-11-25T08:40:00Z").toEpochMilli() - 1);
    JsonNode perBucket = body.at("/aggs/over_time/aggs");
    assertThat(perBucket.at("/score_usable/avg/field").asText()).isEqualTo("scores.usable");
    assertThat(perBucket.at("/hall_samples/sum/field").asText()).isEqualTo("access.hall.samples");
    assertThat(perBucket.at("/cases_completedOnlineZeroVisit/sum/field").asText())
        .isEqualTo("cases.completedOnlineZeroVisit");
    assertThat(body.at("/aggs/ratings_bad/sum/field").asText()).isEqualTo("ratings.bad");
    assertThat(body.at("/aggs/cases_submittedOnline/sum/field").asText())
        .isEqualTo("cases.submittedOnline");
  }

  @Test
  void itemsAreOneRegionsByCode() {
    JsonNode body = Queries.items("110000");
    assertThat(body.at("/query/bool/filter/0/term/region").asText()).isEqualTo("110000");
    assertThat(body.at("/sort/0/itemCode/order").asText()).isEqualTo("asc");
    assertThat(body.path("size").asInt()).isEqualTo(10_000);
  }

  @Test
  void rangesEndAtTheNextBucketBoundary() {
    assertThat(TimeRange.HOUR.end(NOW)).isEqualTo(Instant.parse("2026-11-25T08:31:00Z"));
    assertThat(TimeRange.HOUR.start(NOW)).isEqualTo(Instant.parse("2026-11-25T07:31:00Z"));
    assertThat(TimeRange.WEEK.end(NOW)).isEqualTo(Instant.parse("2026-11-25T09:00:00Z"));
    assertThat(TimeRange.WEEK.esInterval()).isEqualTo("1h");
    assertThat(TimeRange.HOUR.esInterval()).isEqualTo("1m");
    assertThat(TimeRange.byKey("24h")).contains(TimeRange.DAY);
    assertThat(TimeRange.byKey("2h")).isEmpty();
  }
}
