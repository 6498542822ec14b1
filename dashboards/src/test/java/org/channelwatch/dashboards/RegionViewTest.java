package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RegionViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T08:30:20Z");
  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);

  @Test
  void shapesTrendsRatesAndTheCurrentState() throws Exception {
    JsonNode current =
        MAPPER.readTree(
            """
            {"hits":{"hits":[{"_source":{"region":"330000","rank":3,"updatedAt":"2026-11-25T08:29:00Z",
              "scores":{"overall":75.0,"reachable":90,"visible":80,"usable":70,"doable":60},
              "openIncidentIds":["a"],
              "catalog":{"items":40,"itemsOnline":35,"itemsMultiChannel":30,"itemsInconsistent":2,
                "completenessMean":0.875,"depth":{"1":1,"2":4,"3":10,"4":20}}}}]}}
            """);
    JsonNode trend =
        MAPPER.readTree(
            """
            {"hits":{"hits":[]},"aggregations":{
              "over_time":{"buckets":[
                {"key_as_string":"2026-11-25T07:31:00.000Z","key":1795591860000,"doc_count":1,
                 "score_overall":{"value":74.5},"score_reachable":{"value":88.0},
                 "score_visible":{"value":null},"score_usable":{"value":70},"score_doable":{"value":60},
                 "hall_ok":{"value":9},"hall_samples":{"value":10},"web_ok":{"value":0},"web_samples":{"value":0},
                 "app_ok":{"value":5},"app_samples":{"value":5},"wechat_ok":{"value":1},"wechat_samples":{"value":4},
                 "cases_submitted":{"value":4},"cases_submittedOnline":{"value":3},"cases_completed":{"value":2},
                 "cases_completedOnline":{"value":2},"cases_completedOnlineZeroVisit":{"value":1}},
                {"key":1795591920000,"doc_count":0,
                 "score_overall":{"value":null},"hall_ok":{"value":0},"hall_samples":{"value":0},
                 "cases_submitted":{"value":0}}]},
              "hall_ok":{"value":900},"hall_samples":{"value":1000},
              "cases_submitted":{"value":40},"cases_submittedOnline":{"value":30},
              "cases_completed":{"value":20},"cases_completedOnline":{"value":16},
              "cases_completedOnlineZeroVisit":{"value":12},
              "visits_total":{"value":11},"ratings_count":{"value":4},"ratings_sum":{"value":17},
              "ratings_bad":{"value":1}}}
            """);

    JsonNode view = RegionView.render(ZJ, current, trend, TimeRange.HOUR, NOW);

    assertThat(view.at("/region/nameEn").asText()).isEqualTo("Zhejiang");
    assertThat(view.at("/region/rank").asInt()).isEqualTo(3);
    assertThat(view.at("/region/scores/doable").asDouble()).isEqualTo(60.0);
    assertThat(view.at("/region/openIncidents").asInt()).isEqualTo(1);
    assertThat(view.at("/region/catalog/itemsInconsistent").asLong()).isEqualTo(2);
    assertThat(view.at("/region/catalog/completenessMean").asDouble()).isEqualTo(0.875);
    assertThat(view.at("/region/catalog/depth/4").asLong()).isEqualTo(20);
    assertThat(view.path("range").asText()).isEqualTo("1h");
    assertThat(view.path("from").asText()).isEqualTo("2026-11-25T07:31:00Z");
    assertThat(view.path("to").asText()).isEqualTo("2026-11-25T08:31:00Z");
    assertThat(view.path("intervalMinutes").asInt()).isEqualTo(1);

    JsonNode first = view.path("series").get(0);
    assertThat(first.path("t").asText()).isEqualTo("2026-11-25T07:31:00Z");
    assertThat(first.at("/scores/overall").asDouble()).isEqualTo(74.5);
    assertThat(first.at("/scores/visible").isNull()).isTrue();
    assertThat(first.at("/availability/hall").asDouble()).isEqualTo(0.9);
    assertThat(first.at("/availability/web").isNull()).isTrue();
    assertThat(first.at("/availability/wechat").asDouble()).isEqualTo(0.25);
    assertThat(first.at("/cases/onlineShare").asDouble()).isEqualTo(0.75);
    assertThat(first.at("/cases/zeroVisitRate").asDouble()).isEqualTo(0.5);

    JsonNode gap = view.path("series").get(1);
    assertThat(gap.at("/scores/overall").isNull()).isTrue();
    assertThat(gap.at("/availability/hall").isNull()).isTrue();
    assertThat(gap.at("/cases/onlineShare").isNull()).isTrue();

    JsonNode totals = view.path("totals");
    assertThat(totals.at("/access/hall/availability").asDouble()).isEqualTo(0.9);
    assertThat(totals.at("/cases/onlineShare").asDouble()).isEqualTo(0.75);
    assertThat(totals.at("/cases/zeroVisitRate").asDouble()).isEqualTo(0.75);
    assertThat(totals.path("visits").asLong()).isEqualTo(11);
    assertThat(totals.at("/ratings/mean").asDouble()).isEqualTo(4.25);
    assertThat(totals.at("/ratings/bad").asLong()).isEqualTo(1);
  }

  @Test
  void aRegionWithoutDocumentsShowsNoFigures() throws Exception {
    JsonNode view =
        RegionView.render(ZJ, MAPPER.readTree("{}"), MAPPER.readTree("{}"), TimeRange.WEEK, NOW);

    assertThat(view.at("/region/rank").isNull()).isTrue();
    assertThat(view.at("/region/scores/overall").isNull()).isTrue();
    assertThat(view.path("series")).isEmpty();
    assertThat(view.at("/totals/cases/onlineShare").isNull()).isTrue();
    assertThat(view.at("/totals/ratings/mean").isNull()).isTrue();
  }
}
