package org.channelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewViewTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-11-25T08:30:00Z");
  private static final RegionTile BJ = new RegionTile("110000", "BJ", "北京市", "Beijing", 5, 1);
  private static final RegionTile ZJ = new RegionTile("330000", "ZJ", "浙江省", "Zhejiang", 5, 5);

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }

  @Test
  void combinesRankScoresAndLastHourAvailabilityPerRegion() throws Exception {
    JsonNode regions =
        json(
            """
            {"hits":{"total":{"value":1},"hits":[{"_id":"330000","_source":{
              "region":"330000","windowStart":"2026-11-25T08:28:00Z","updatedAt":"2026-11-25T08:29:00Z",
              "rank":2,"openIncidentIds":["service_unavailable:330000:web:1","x"],
              "scores":{"overall":81.25,"reachable":97.5,"visible":100.0,"usable":null,"doable":46.1}}}]}}
            """);
    JsonNode availability =
        json(
            """
            {"hits":{"hits":[]},"aggregations":{"by_region":{"buckets":[
              {"key":"330000","doc_count":60,
               "hall_ok":{"value":590},"hall_samples":{"value":600},
               "web_ok":{"value":300},"web_samples":{"value":600},
               "app_ok":{"value":0},"app_samples":{"value":0},
               "wechat_ok":{"value":12},"wechat_samples":{"value":10}}]}}}
            """);

    JsonNode view =
        OverviewView.render(List.of(BJ, ZJ), regions, availability, NOW.minusSeconds(3600), NOW, NOW);

    assertThat(view.path("regions").findValuesAsText("code")).containsExactly("110000", "330000");
    assertThat(view.path("regionsWithData").asInt()).isEqualTo(1);
    assertThat(view.at("/heatMap/from").asText()).isEqualTo("2026-11-25T07:30:00Z");
    JsonNode zj = view.path("regions").get(1);
    assertThat(zj.path("nameZh").asText()).isEqualTo("浙江省");
    assertThat(zj.path("tileRow").asInt()).isEqualTo(5);
    assertThat(zj.path("rank").asInt()).isEqualTo(2);
    assertThat(zj.at("/scores/overall").asDouble()).isEqualTo(81.25);
    assertThat(zj.at("/scores/usable").isNull()).isTrue();
    assertThat(zj.path("openIncidents").asInt()).isEqualTo(2);
    assertThat(zj.path("updatedAt").asText()).isEqualTo("2026-11-25T08:29:00Z");
    assertThat(zj.at("/lastHour/hall/availability").asDouble()).isEqualTo(590 / 600.0);
    assertThat(zj.at("/lastHour/web/availability").asDouble()).isEqualTo(0.5);
    assertThat(zj.at("/lastHour/app/availability").isNull()).isTrue();
    // More ok than samples cannot be; capped rather than shown as above 100 %.
    assertThat(zj.at("/lastHour/wechat/availability").asDouble()).isEqualTo(1.0);

    JsonNode bj = view.path("regions").get(0);
    assertThat(bj.path("rank").isNull()).isTrue();
    assertThat(bj.at("/scores/overall").isNull()).isTrue();
    assertThat(bj.path("openIncidents").asInt()).isZero();
    assertThat(bj.at("/lastHour/web/samples").asLong()).isZero();
    assertThat(bj.at("/lastHour/web/availability").isNull()).isTrue();
  }

  @Test
  void ignoresMalformedFiguresAndAnswersWithoutIndices() throws Exception {
    JsonNode regions =
        json(
            """
            {"hits":{"hits":[{"_source":{"region":"110000","rank":0.5,
              "scores":{"overall":"99","reachable":180,"visible":-1}}}]}}
            """);

    JsonNode view = OverviewView.render(List.of(BJ), regions, json("{}"), NOW, NOW, NOW);

    JsonNode bj = view.path("regions").get(0);
    assertThat(bj.path("rank").isNull()).isTrue();
    assertThat(bj.at("/scores/overall").isNull()).isTrue();
    assertThat(bj.at("/scores/reachable").isNull()).isTrue();
    assertThat(bj.at("/scores/visible").isNull()).isTrue();
    assertThat(bj.at("/lastHour/hall/samples").asLong()).isZero();
  }
}
